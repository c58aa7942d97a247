package io.resetflow.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;

class ResetPageIntegrationTest extends ApiServiceIntegrationTestBase {

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
    }
}
