package io.resetflow.api.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;

class TimelineIntegrationTest extends ApiServiceIntegrationTestBase {

    @Test
    void a_request_can_be_followed_by_its_location_with_a_secret_key_only() throws Exception {
        HttpResponse<String> requested = post("/v1/password-resets", PUBLIC_KEY, "application/json", "{\"EmailAddress\":\"bob@example.com\"}");
        String location = requested.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/v1/password-resets/[0-9a-f-]{36}");
        assertThat(requested.body()).contains(location.substring(location.lastIndexOf('/') + 1));

        HttpResponse<String> timeline = await().atMost(Duration.ofSeconds(20))
                .until(() -> get(location, SECRET_KEY), r -> r.statusCode() == 200);
        assertThat(timeline.body()).contains("\"Type\":\"ResetRequested\"").contains("\"State\":\"REQUESTED\"")
                .contains("b***@example.com").doesNotContain("bob@example.com");

        assertThat(get(location, PUBLIC_KEY).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/v1/password-resets/00000000-0000-0000-0000-000000000000", SECRET_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No reset request");
    }
}
