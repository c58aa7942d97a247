package io.resetflow.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.InternalApiClient;
import io.resetflow.notifier.support.SignatureCheck;
import io.resetflow.testsupport.TopicLog;
import io.resetflow.notifier.support.WebhookReceiver;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.notifier.support.TestMail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Partner webhooks through the internal API to real local receivers, with a short retry schedule. */
class PartnerWebhooksIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BEARER = "Bearer local-internal-secret";

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        registry.add("resetflow.webhooks.retry-schedule", () -> "0s,300ms,300ms,300ms,300ms");
        registry.add("resetflow.webhooks.timeout", () -> "3s"); // a starved receiver still answers within it; HANG holds 8 s
        registry.add("resetflow.webhooks.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    private int port;


    @Test
    void the_internal_api_needs_the_bearer_secret_and_refuses_unknown_event_types() throws Exception {
        String tenant = newId("tenant");
        String path = "/internal/v1/tenants/" + tenant + "/webhooks";
        assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", path, "Bearer wrong", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = call("POST", path, BEARER,
                "{\"url\":\"http://127.0.0.1:1/x\",\"eventTypes\":[\"UserDeleted\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asString()).isEqualTo("invalid_event_type");
        HttpResponse<String> badUrl = call("POST", path, BEARER, "{\"url\":\"file:///etc/passwd\",\"eventTypes\":[\"ResetRequested\"]}");
        assertThat(badUrl.statusCode()).isEqualTo(400);

        JsonNode created = create(tenant, "http://127.0.0.1:1/hook", "ResetRequested");
        assertThat(created.get("secret").asString()).startsWith("whsec_");
        String id = created.get("id").asString();
        JsonNode list = JSON.readTree(call("GET", path, BEARER, null).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.get(0).has("secret")).isFalse();
        assertThat(list.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(call("GET", "/internal/v1/tenants/other/webhooks/" + id + "/deliveries", BEARER, null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", path + "/" + id, BEARER, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", path + "/" + id, BEARER, null).statusCode()).isEqualTo(404);
    }

    @Test
    void subscribed_events_arrive_signed_as_cloud_events_without_link_or_address_logged_and_resendable() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            JsonNode endpoint = create(tenant, receiver.url("/partner"), "ResetLinkIssued", "PasswordChanged");
            String secret = endpoint.get("secret").asString();
            String address = newId("p") + "@example.com";
            String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
            ResetLinkIssued issued = linkIssued(tenant, newId("user"), newId("link"), address, link, false);

            send(issued);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() >= 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.calls().size() == 1);
            WebhookReceiver.Call call = receiver.calls().get(0);
            assertThat(SignatureCheck.verifies(secret, call)).isTrue();
            assertThat(call.header("webhook-id")).startsWith("msg_");
            assertThat(call.body()).doesNotContain(link).doesNotContain(address).doesNotContain("/reset/");
            JsonNode event = JSON.readTree(call.body());
            assertThat(event.get("specversion").asString()).isEqualTo("1.0");
            assertThat(event.get("type").asString()).isEqualTo("io.resetflow.reset.link-issued");
            assertThat(event.get("id").asString()).isEqualTo(issued.getEventId());
            assertThat(event.get("data").get("linkId").asString()).isEqualTo(issued.getLinkId());
            assertThat(event.get("data").get("maskedRecipient").asString()).isEqualTo(Mask.address(address));

            String deliveries = "/internal/v1/tenants/" + tenant + "/webhooks/" + endpoint.get("id").asString() + "/deliveries";
            JsonNode log = JSON.readTree(call("GET", deliveries, BEARER, null).body());
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(log.get(0).get("statusCode").asInt()).isEqualTo(200);
            assertThat(log.get(0).get("eventType").asString()).isEqualTo("ResetLinkIssued");
            String messageId = log.get(0).get("messageId").asString();
            assertThat(messageId).isEqualTo(call.header("webhook-id"));

            assertThat(call("POST", deliveries + "/" + messageId + "/resend", BEARER, null).statusCode()).isEqualTo(202);
            assertThat(call("POST", deliveries + "/msg_nope/resend", BEARER, null).statusCode()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls().size() == 2);
            assertThat(receiver.calls().get(1).header("webhook-id")).isEqualTo(messageId);
            assertThat(receiver.calls().get(1).body()).isEqualTo(call.body());

            // PasswordChanged: the partner is told (no address), the user gets the notice email
            String userAddress = newId("changed") + "@example.com";
            PasswordChanged changed = passwordChanged(tenant, issued.getUserId(), userAddress);
            sendRaw(Topics.PASSWORD_CHANGED, Topics.key(tenant, issued.getUserId()),
                    new AvroEventSerializer().serialize(Topics.PASSWORD_CHANGED, changed));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 3);
            JsonNode notice = JSON.readTree(receiver.calls().get(2).body());
            assertThat(notice.get("type").asString()).isEqualTo("io.resetflow.password.changed");
            assertThat(receiver.calls().get(2).body()).doesNotContain(userAddress);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> MAIL.messages().stream().anyMatch(m -> m.to().equals(userAddress)));
            assertThat(MAIL.to(userAddress)).singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("Your password was changed"));
        }
    }

    @Test
    void failures_are_retried_on_the_schedule_a_dead_or_hanging_endpoint_blocks_no_other_and_dies_after_the_last_attempt()
            throws Exception {
        try (WebhookReceiver flaky = WebhookReceiver.start(500, 502);
                WebhookReceiver hanging = WebhookReceiver.start(WebhookReceiver.HANG);
                WebhookReceiver dead = WebhookReceiver.start();
                WebhookReceiver healthy = WebhookReceiver.start()) {
            dead.stop();
            String tenant = newId("tenant");
            JsonNode flakyEndpoint = create(tenant, flaky.url("/f"), "ResetLinkIssued");
            JsonNode hangingEndpoint = create(tenant, hanging.url("/h"), "ResetLinkIssued");
            JsonNode deadEndpoint = create(tenant, dead.url("/d"), "ResetLinkIssued");
            create(tenant, healthy.url("/ok"), "ResetLinkIssued");
            ResetLinkIssued issued = linkIssued(tenant, newId("user"), newId("link"), newId("x") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            issued.setChannel(Channel.NONE);

            send(issued);

            await().atMost(Duration.ofSeconds(30)).until(() -> healthy.calls().size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> flaky.calls().size() == 3);
            assertThat(flaky.calls()).extracting(c -> c.header("webhook-id")).containsOnly(flaky.calls().get(0).header("webhook-id"));
            await().atMost(Duration.ofSeconds(30)).until(() -> hanging.calls().size() == 2);

            JsonNode flakyLog = log(tenant, flakyEndpoint);
            assertThat(flakyLog).hasSize(3);
            assertThat(flakyLog.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(flakyLog.get(1).get("status").asString()).isEqualTo("FAILED");
            assertThat(flakyLog.get(1).get("statusCode").asInt()).isEqualTo(502);
            assertThat(flakyLog.get(1).hasNonNull("nextAttemptAt")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> log(tenant, hangingEndpoint).size() == 2);
            JsonNode hangingLog = log(tenant, hangingEndpoint);
            assertThat(hangingLog.get(1).get("responseExcerpt").asString()).contains("timed out");
            assertThat(hangingLog.get(0).get("status").asString()).isEqualTo("SUCCEEDED");

            await().atMost(Duration.ofSeconds(30)).until(() -> log(tenant, deadEndpoint).size() == 5);
            JsonNode deadLog = log(tenant, deadEndpoint);
            assertThat(deadLog.get(0).get("status").asString()).isEqualTo("DEAD");
            assertThat(deadLog.get(0).get("attempt").asInt()).isEqualTo(5);
            assertThat(deadLog.get(4).get("responseExcerpt").asString()).contains("connection failed");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> log(tenant, deadEndpoint).size() == 5);

            // and the dead message is on the dead-letter topic, as it was last sent, saying where and why
            String deadId = deadEndpoint.get("id").asString();
            try (TopicLog dlt = new TopicLog(Topics.PARTNER_WEBHOOK_DEAD_LETTERS)) {
                var records = await().atMost(Duration.ofSeconds(20)).until(
                        () -> dlt.poll(r -> (tenant + ":" + deadId).equals(r.key())), r -> !r.isEmpty());
                assertThat(records).hasSize(1);
                var record = records.get(0);
                assertThat(header(record, EventHeaders.WEBHOOK_TENANT)).isEqualTo(tenant);
                assertThat(header(record, EventHeaders.WEBHOOK_ENDPOINT)).isEqualTo(deadId);
                assertThat(header(record, EventHeaders.WEBHOOK_MESSAGE_ID)).isEqualTo(deadLog.get(0).get("messageId").asString());
                assertThat(header(record, EventHeaders.WEBHOOK_ATTEMPTS)).isEqualTo("5");
                assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("ResetLinkIssued");
                assertThat(header(record, EventHeaders.WEBHOOK_LAST_ERROR)).isNotBlank();
                JsonNode body = JSON.readTree(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                assertThat(body.get("specversion").asString()).isEqualTo("1.0");
                assertThat(body.toString()).doesNotContain("/reset/");
            }
            // the endpoints whose messages got through have nothing there
            try (TopicLog dlt = new TopicLog(Topics.PARTNER_WEBHOOK_DEAD_LETTERS)) {
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> dlt.poll(r -> r.key().equals(tenant + ":" + flakyEndpoint.get("id").asString())).isEmpty());
            }
        }
    }

    @Test
    void a_record_that_is_no_partner_event_is_dead_lettered_on_its_own_and_the_events_after_it_still_go_out()
            throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            create(tenant, receiver.url("/p"), "ResetLinkIssued");
            // decodes (every released schema is known) but is no partner event: the batch listener must hand it to the
            // dead-letter topic alone and queue the events around it
            String strayKey = Topics.key(tenant, newId("stray"));
            sendRaw(Topics.LINK_REDEEMED, strayKey,
                    new AvroEventSerializer().serialize(Topics.LINK_REDEEMED, settings(tenant).build()));
            ResetLinkIssued issued = linkIssued(tenant, newId("user"), newId("link"), newId("x") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            issued.setChannel(Channel.NONE);
            send(issued);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 1);
            assertThat(JSON.readTree(receiver.calls().get(0).body()).get("id").asString()).isEqualTo(issued.getEventId());
            // the dead-letter topic exists only once something was dead-lettered there: until then, not yet
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .ignoreException(IllegalStateException.class).until(() -> {
                try (TopicLog dlt = new TopicLog(Topics.deadLetter(Topics.LINK_REDEEMED))) {
                    return dlt.pollKeys(strayKey::equals).size() == 1;
                }
            });
        }
    }

    @Test
    void a_database_outage_while_queueing_loses_no_partner_event() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            create(tenant, receiver.url("/p"), "ResetLinkIssued");
            ResetLinkIssued issued = linkIssued(tenant, newId("user"), newId("link"), newId("x") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            issued.setChannel(Channel.NONE);
            try (QueueingFails offline = queueingFails()) {
                send(issued);
                // far longer than four attempts at these backoffs (100-400 ms) took: nothing goes out meanwhile
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.calls().isEmpty());
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 1);
            assertThat(JSON.readTree(receiver.calls().get(0).body()).get("id").asString()).isEqualTo(issued.getEventId());
            String key = Topics.key(tenant, issued.getUserId());
            try (TopicLog dlt = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
                assertThat(dlt.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30)))
                        .extracting(TopicLog::describeDeadLetter).isEmpty();
            }
        }
    }

    /**
     * A poll that failed to be queued is retried; when the retry then meets a record that is no partner event, that
     * record alone is dead-lettered. (spring-kafka retries a poll that failed as a whole as one batch and, when the
     * retry fails for a not-retryable reason, dead-letters every record of it: the events around the stray one were
     * dead-lettered too, and those after it never reached the partner.)
     */
    @Test
    void a_poll_retried_after_a_failure_to_queue_dead_letters_only_its_record_that_is_no_partner_event()
            throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            create(tenant, receiver.url("/p"), "ResetLinkIssued");
            String user = newId("user");
            String key = Topics.key(tenant, user);
            ResetLinkIssued before = linkIssued(tenant, user, newId("link"), newId("b") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            before.setChannel(Channel.NONE);
            ResetLinkIssued after = linkIssued(tenant, user, newId("link"), newId("a") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            after.setChannel(Channel.NONE);
            byte[] stray = new AvroEventSerializer().serialize(Topics.LINK_ISSUED, settings(tenant).build());
            try (QueueingFails offline = queueingFails()) {
                // one key, one produce batch: one poll brings all three, the stray record between the two events
                sendRawTogether(List.of(new ProducerRecord<>(Topics.LINK_ISSUED, key, serialize(before)),
                        new ProducerRecord<>(Topics.LINK_ISSUED, key, stray),
                        new ProducerRecord<>(Topics.LINK_ISSUED, key, serialize(after))));
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> receiver.calls().isEmpty());
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 2);
            assertThat(receiver.calls()).extracting(call -> JSON.readTree(call.body()).get("id").asString())
                    .containsExactlyInAnyOrder(before.getEventId(), after.getEventId());
            // the delivery listener dead-letters the stray record as well: nothing else of this key may be there
            try (TopicLog dlt = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
                assertThat(dlt.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30))).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.value()).isEqualTo(stray));
            }
        }
    }

    @Test
    void after_a_rotation_calls_carry_both_signatures_so_the_old_and_the_new_secret_verify() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            JsonNode endpoint = create(tenant, receiver.url("/r"), "ResetLinkIssued");
            String oldSecret = endpoint.get("secret").asString();
            HttpResponse<String> rotated = call("POST", "/internal/v1/tenants/" + tenant + "/webhooks/"
                    + endpoint.get("id").asString() + "/rotate-secret", BEARER, null);
            assertThat(rotated.statusCode()).isEqualTo(200);
            String newSecret = JSON.readTree(rotated.body()).get("secret").asString();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            ResetLinkIssued issued = linkIssued(tenant, newId("user"), newId("link"), newId("r") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            issued.setChannel(Channel.NONE);

            send(issued);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls().size() == 1);
            WebhookReceiver.Call call = receiver.calls().get(0);
            assertThat(call.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(SignatureCheck.verifies(newSecret, call)).isTrue();
            assertThat(SignatureCheck.verifies(oldSecret, call)).isTrue();
        }
    }

    /** Open while every insert into webhook_messages fails, as while the database is away. */
    private interface QueueingFails extends AutoCloseable {
        @Override
        void close();
    }

    /** A trigger, so that statements the pool has prepared fail too. */
    private QueueingFails queueingFails() {
        jdbc.sql("""
                create or replace function webhook_messages_offline() returns trigger language plpgsql as
                $$ begin raise exception 'webhook_messages offline (test)'; end $$""").update();
        jdbc.sql("""
                create trigger offline before insert on webhook_messages
                for each statement execute function webhook_messages_offline()""").update();
        return () -> jdbc.sql("drop trigger offline on webhook_messages").update();
    }

    private JsonNode log(String tenant, JsonNode endpoint) throws Exception {
        return JSON.readTree(call("GET", "/internal/v1/tenants/" + tenant + "/webhooks/" + endpoint.get("id").asString()
                + "/deliveries", BEARER, null).body());
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private JsonNode create(String tenant, String url, String... types) throws Exception {
        String body = "{\"url\":\"" + url + "\",\"eventTypes\":[" + String.join(",",
                java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").toList()) + "]}";
        HttpResponse<String> response = call("POST", "/internal/v1/tenants/" + tenant + "/webhooks", BEARER, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> call(String method, String path, String auth, String json) throws Exception {
        return new InternalApiClient(port).call(method, path, auth, json);
    }

    private static PasswordChanged passwordChanged(String tenant, String user, String address) {
        String eventId = UUID.randomUUID().toString();
        return PasswordChanged.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenant)
                .setCorrelationId("corr-" + eventId)
                .setCausationId(eventId)
                .setUserId(user)
                .setVia("RESET_PAGE")
                .setRecipient(EVENT_SEALER.seal(address, "recipient:" + tenant).toAvro())
                .setMaskedRecipient(Mask.address(address))
                .build();
    }

}
