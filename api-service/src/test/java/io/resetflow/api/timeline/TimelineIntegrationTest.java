package io.resetflow.api.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;

class TimelineIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    Timeline timeline;

    @Test
    void a_batch_is_recorded_once_per_event_whatever_repeats_it() {
        String tenant = "t-" + UUID.randomUUID();
        String request = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-12-07T10:15:30.123456Z");
        TimelineEntry requested = new TimelineEntry("e-" + UUID.randomUUID(), tenant, request, "u-1", "ResetRequested", at,
                Map.of("Channel", "EMAIL", "AccountKnown", true));
        TimelineEntry issued = new TimelineEntry("e-" + UUID.randomUUID(), tenant, request, null, "ResetLinkIssued",
                at.plusMillis(5), Map.of("Attempt", 1));
        TimelineEntry changedLater = new TimelineEntry(requested.eventId(), tenant, request, "u-1", "ResetRequested", at,
                Map.of("Channel", "SMS"));

        timeline.recordAll(List.of(requested));
        // a redelivered poll: the event recorded before, an event twice in the same batch, and a new one
        timeline.recordAll(List.of(changedLater, issued, issued));
        timeline.recordAll(List.of());

        assertThat(timeline.of(tenant, request)).containsExactly(requested, issued);
    }

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
