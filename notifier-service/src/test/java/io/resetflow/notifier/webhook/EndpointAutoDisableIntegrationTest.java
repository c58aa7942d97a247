package io.resetflow.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.InternalApiClient;
import io.resetflow.notifier.support.ShiftedClock;
import io.resetflow.notifier.support.WebhookReceiver;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.notifier.support.TestMail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint that keeps failing is disabled once its failure streak is older than 5 days (the notifier's clock is
 * shifted by the test), the tenant's sender address gets an email, the listing shows why and since when, nothing is
 * attempted while disabled, and enabling it sends the parked message.
 */
class EndpointAutoDisableIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        registry.add("resetflow.webhooks.retry-schedule", () -> "0s,1h,1d,2d,3d,1d,1d");
        registry.add("resetflow.webhooks.timeout", () -> "3s"); // a starved receiver still answers within it; HANG holds 8 s
        registry.add("resetflow.webhooks.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private Clock clock;

    @Test
    void an_endpoint_failing_for_five_days_is_disabled_the_tenant_is_told_and_enabling_it_sends_what_waited()
            throws Exception {
        ShiftedClock shifted = (ShiftedClock) clock;
        try (WebhookReceiver receiver = WebhookReceiver.start(Collections.nCopies(5, 503).toArray(Integer[]::new))) {
            String tenant = newId("tenant");
            String ops = newId("ops") + "@tenant.example";
            sendSettings(settings(tenant).setSenderAddress(ops).setSenderName("Tenant Ops").build());
            String path = "/internal/v1/tenants/" + tenant + "/webhooks";
            HttpResponse<String> created = call("POST", path,
                    "{\"url\":\"" + receiver.url("/failing") + "\",\"eventTypes\":[\"ResetLinkIssued\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asString();

            send(issued(tenant));
            awaitAttempts(id, 1);
            assertThat(endpoint(path, id).get("failingSince").isNull()).isFalse();

            // attempts 2, 3 and 4 fail 1 h, 25 h and 73 h after the first: under 5 days, still enabled
            Duration[] steps = {Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(2)};
            for (int i = 0; i < steps.length; i++) {
                shifted.advance(steps[i]);
                awaitAttempts(id, 2 + i);
            }
            assertThat(attempts(id)).isEqualTo(4);
            assertThat(endpoint(path, id).get("enabled").asBoolean()).isTrue();

            // attempt 5 fails 145 h after the first: disabled
            shifted.advance(Duration.ofDays(3));
            awaitAttempts(id, 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> !endpoint(path, id).get("enabled").asBoolean());
            await().atMost(Duration.ofSeconds(30)).until(() -> !endpoint(path, id).get("disabledNotice").isNull());
            JsonNode disabled = endpoint(path, id);
            assertThat(disabled.get("disabledReason").asString()).contains("every attempt failed since")
                    .contains("5 days").contains("503");
            assertThat(Instant.parse(disabled.get("disabledAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(5)));
            assertThat(disabled.get("disabledNotice").asString()).startsWith("emailed to").doesNotContain(ops);

            await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.messages().stream().anyMatch(m -> m.to().equals(ops)));
            CapturedMessage notice = MAIL.to(ops).get(0);
            assertThat(notice.subject()).isEqualTo("Your resetflow webhook endpoint was disabled");
            assertThat(notice.body()).contains(id).contains(receiver.url("/failing")).contains("/enable");

            // disabled: the parked message is not attempted even when due, and new events are not queued for it (a
            // healthy endpoint of the same tenant getting the new event shows it was consumed and queued by then)
            shifted.advance(Duration.ofDays(2));
            try (WebhookReceiver healthy = WebhookReceiver.start()) {
                HttpResponse<String> second = call("POST", path,
                        "{\"url\":\"" + healthy.url("/healthy") + "\",\"eventTypes\":[\"ResetLinkIssued\"]}");
                assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
                send(issued(tenant));
                await().atMost(Duration.ofSeconds(30)).until(() -> healthy.calls().size() == 1);
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.calls().size() == 5);
            assertThat(jdbc.sql("select count(*) from webhook_messages where endpoint_id = :e").param("e", id)
                    .query(Integer.class).single()).isEqualTo(1);

            HttpResponse<String> enabled = call("POST", path + "/" + id + "/enable", null);
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            assertThat(JSON.readTree(enabled.body()).get("enabled").asBoolean()).isTrue();
            assertThat(JSON.readTree(enabled.body()).get("disabledAt").isNull()).isTrue();
            assertThat(call("POST", path + "/" + id + "/enable", null).statusCode()).isEqualTo(200); // already enabled
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 6);
            await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(jdbc.sql(
                    "select status from webhook_messages where endpoint_id = :e").param("e", id)
                    .query(String.class).single()));
            assertThat(endpoint(path, id).get("failingSince").isNull()).isTrue();
            assertThat(MAIL.to(ops)).hasSize(1);
            assertThat(call("POST", path + "/ep_unknown/enable", null).statusCode()).isEqualTo(404);
        }
    }

    private ResetLinkIssued issued(String tenant) {
        return linkIssued(tenant, newId("user"), newId("link"), newId("u") + "@example.com",
                "https://portal.example/reset/" + newId("t"), false);
    }

    private void awaitAttempts(String endpointId, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(endpointId) >= n);
    }

    private int attempts(String endpointId) {
        return jdbc.sql("select count(*) from webhook_attempts where endpoint_id = :e").param("e", endpointId)
                .query(Integer.class).single();
    }

    private JsonNode endpoint(String path, String id) throws Exception {
        for (JsonNode e : JSON.readTree(call("GET", path, null).body())) {
            if (e.get("id").asString().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("endpoint " + id + " not listed");
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return new InternalApiClient(port).call(method, path, body);
    }
}
