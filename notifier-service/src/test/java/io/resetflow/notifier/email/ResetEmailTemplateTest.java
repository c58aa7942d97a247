package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ResetEmailTemplateTest {

    private static final Instant EXPIRES = Instant.parse("2026-11-30T09:05:00Z");

    @Test
    void puts_the_link_in_the_text_and_the_html_part() {
        String link = "https://portal.example/reset/AbC_dEf-123";

        ResetEmail email = ResetEmailTemplate.render(link, EXPIRES);

        assertThat(email.subject()).isEqualTo("Reset your password");
        assertThat(email.text()).contains(link);
        assertThat(email.html()).contains("href=\"" + link + "\"").contains(">" + link + "<");
    }

    @Test
    void escapes_the_link_in_the_html_part_only() {
        String link = "https://portal.example/t?a=1&b=\"x\"<script>/reset/tok";

        ResetEmail email = ResetEmailTemplate.render(link, EXPIRES);

        assertThat(email.text()).contains(link);
        assertThat(email.html())
                .contains("https://portal.example/t?a=1&amp;b=&quot;x&quot;&lt;script&gt;/reset/tok")
                .doesNotContain("<script>")
                .doesNotContain("b=\"x\"");
    }

    @Test
    void shows_the_expiry_in_utc_in_words_in_both_parts() {
        ResetEmail email = ResetEmailTemplate.render("https://portal.example/reset/t", EXPIRES);

        assertThat(email.text()).contains("expires on Monday 30 November 2026 at 09:05 UTC");
        assertThat(email.html()).contains("expires on Monday 30 November 2026 at 09:05 UTC");
    }

    @Test
    void tells_the_reader_to_ignore_it_when_they_did_not_ask() {
        ResetEmail email = ResetEmailTemplate.render("https://portal.example/reset/t", EXPIRES);

        assertThat(email.text()).contains("If you did not ask to reset your password, you can ignore this email");
        assertThat(email.html()).contains("If you did not ask to reset your password, you can ignore this email");
    }

    @Test
    void never_shows_the_link_in_to_string() {
        ResetEmail email = ResetEmailTemplate.render("https://portal.example/reset/secret-token", EXPIRES);

        assertThat(email.toString()).doesNotContain("secret-token");
    }
}
