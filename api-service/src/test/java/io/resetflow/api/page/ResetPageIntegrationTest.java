package io.resetflow.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;

class ResetPageIntegrationTest extends ApiServiceIntegrationTestBase {

    @Test
    void guessing_links_from_one_address_is_stopped_after_twenty_failures() throws Exception {
        jdbc.sql("delete from rate_limits").update(); // other tests of this JVM opened invalid links from 127.0.0.1 too
        for (int i = 0; i < ResetPageController.FAILED_LINKS_PER_ADDRESS; i++) {
            HttpResponse<String> guess = get("/reset/guess-" + i, null);
            assertThat(guess.statusCode()).as("guess %d", i).isEqualTo(200);
            assertThat(guess.body()).contains("This reset link is not valid");
        }
        HttpResponse<String> refused = get("/reset/guess-again", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many invalid links");
        jdbc.sql("delete from rate_limits").update();
    }

    @Test
    void a_malformed_link_shows_the_not_valid_page_with_protective_headers() throws Exception {
        HttpResponse<String> page = get("/reset/not-a-token", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("This reset link is not valid").doesNotContain("alice");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
        HttpResponse<String> css = get("/assets/reset.css", null);
        assertThat(css.statusCode()).as("the page's stylesheet is served").isEqualTo(200);
        assertThat(css.body()).contains("font-family");
    }
}
