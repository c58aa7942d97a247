package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CustomTemplateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static CustomTemplate reset(String subject, String text, String html) {
        return new CustomTemplate(TemplateKind.RESET_LINK, "en", subject, text, html, NOW);
    }

    @Test
    void values_are_html_escaped_in_the_html_part_and_kept_as_they_are_in_the_text() {
        CustomTemplate template = reset("Reset by {{ expiresAt }}", "Open {{link}} before {{expiresAt}}.",
                "<a href=\"{{link}}\">reset</a> <b>until {{expiresAt}}</b>");
        ResetEmail email = template.render(Map.of("link", "https://x.example/r?a=1&b=<script>",
                "expiresAt", "Monday \"soon\""));
        assertThat(email.subject()).isEqualTo("Reset by Monday \"soon\"");
        assertThat(email.text()).isEqualTo("Open https://x.example/r?a=1&b=<script> before Monday \"soon\".");
        assertThat(email.html()).isEqualTo("<a href=\"https://x.example/r?a=1&amp;b=&lt;script&gt;\">reset</a> "
                + "<b>until Monday &quot;soon&quot;</b>");
    }

    @Test
    void a_reset_link_template_needs_the_link_in_text_and_html() {
        assertThatThrownBy(() -> reset("Reset", "no link here", "<a href=\"{{link}}\">x</a>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{link}} in both text and html");
        assertThatThrownBy(() -> reset("Reset", "{{link}}", "<p>no link</p>"))
                .hasMessageContaining("{{link}} in both text and html");
    }

    @Test
    void unknown_or_malformed_placeholders_are_refused_with_what_is_allowed() {
        assertThatThrownBy(() -> reset("Reset", "{{link}} {{userName}}", "{{link}}"))
                .hasMessageContaining("text: unknown placeholder {{userName}}")
                .hasMessageContaining("{{expiresAt}}, {{link}}");
        assertThatThrownBy(() -> reset("Reset", "{{link}} {{expiresAt", "{{link}}"))
                .hasMessageContaining("text: malformed placeholder");
        assertThatThrownBy(() -> reset("Your link {{link}}", "{{link}}", "{{link}}"))
                .hasMessageContaining("subject: unknown placeholder {{link}}");
        assertThatThrownBy(() -> new CustomTemplate(TemplateKind.PASSWORD_CHANGED, "en", "Changed", "{{link}}",
                "x", NOW)).hasMessageContaining("unknown placeholder {{link}}");
    }

    @Test
    void sizes_lines_and_language_codes_are_checked() {
        assertThatThrownBy(() -> reset("x".repeat(201), "{{link}}", "{{link}}")).hasMessageContaining("subject is longer");
        assertThatThrownBy(() -> reset("two\nlines", "{{link}}", "{{link}}")).hasMessageContaining("one line");
        assertThatThrownBy(() -> reset("Reset", "{{link}}" + "x".repeat(20_000), "{{link}}"))
                .hasMessageContaining("text is longer");
        assertThatThrownBy(() -> reset(" ", "{{link}}", "{{link}}")).hasMessageContaining("subject is required");
        assertThatThrownBy(() -> new CustomTemplate(TemplateKind.RESET_LINK, "english", "s", "{{link}}", "{{link}}", NOW))
                .hasMessageContaining("ISO 639");
        assertThat(new CustomTemplate(TemplateKind.RESET_LINK, " DE ", "s", "{{link}}", "{{link}}", NOW).language())
                .isEqualTo("de");
    }

    @Test
    void dates_are_written_in_the_templates_language() {
        assertThat(CustomTemplate.when(NOW, "de")).isEqualTo("Montag, 23. November 2026 um 10:00 UTC");
        assertThat(CustomTemplate.when(NOW, "fr")).isEqualTo("Monday 23 November 2026 at 10:00 UTC");
    }
}
