package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.testsupport.TopicLog;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.notifier.support.TestMail;

/** ResetLinkIssued on the real broker to a real SMTP capture (GreenMail) and a real PostgreSQL. */
class LinkIssuedDeliveryIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @LocalServerPort
    private int port;

    private static List<CapturedMessage> mailTo(String address) {
        return MAIL.to(address);
    }

    /** Waits until exactly {@code n} mails to the address arrived, and no more within a settle time. */
    private static List<CapturedMessage> awaitMailTo(String address, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() >= n);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> mailTo(address).size() == n);
        return mailTo(address);
    }

    @Test
    void an_issued_link_is_emailed_once_to_the_opened_address_and_reported_sent_with_the_masked_address() {
        String tenant = newId("tenant");
        String address = newId("jane") + "@example.com";
        String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), address, link, false);

        send(event);

        List<CapturedMessage> mails = awaitMailTo(address, 1);
        assertThat(mails.get(0).subject()).isEqualTo("Reset your password");
        assertThat(mails.get(0).body()).contains(link).contains("UTC").contains("ignore this email");

        assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.SENT);
            assertThat(outcome.getAttempt()).isEqualTo(1);
            assertThat(outcome.getMaskedRecipient()).isEqualTo(Mask.address(address)).doesNotContain(address);
            assertThat(outcome.getProviderMessageId()).startsWith("<").endsWith(">");
            assertThat(outcome.getCausationId()).isEqualTo(event.getEventId());
            assertThat(outcome.getCorrelationId()).isEqualTo(event.getCorrelationId());
            assertThat(outcome.getLinkId()).isEqualTo(event.getLinkId());
            assertThat(outcome.getChannel()).isEqualTo(Channel.EMAIL);
            assertThat(outcome.getEventId())
                    .isEqualTo(Outcome.eventIdOf(event.getEventId(), DeliveryChannel.EMAIL, 1));
        });
        ConsumerRecord<String, byte[]> record = outcomeRecords(event.getEventId()).get(0);
        assertThat(record.key()).isEqualTo(Topics.key(tenant, event.getUserId()));
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("DeliveryOutcome");
        String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(address).doesNotContain(link);

        Map<String, Object> row = deliveryRow(event.getEventId());
        assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1)
                .containsEntry("masked_recipient", Mask.address(address))
                .containsEntry("link_id", event.getLinkId())
                .containsEntry("provider_message_id", outcomes(event.getEventId()).get(0).getProviderMessageId());
        assertThat(row.get("sent_at")).isNotNull().isEqualTo(row.get("updated_at"));
        assertThat(row.values().toString()).doesNotContain(address).doesNotContain(link);
    }

    @Test
    void the_same_record_delivered_twice_sends_one_email_and_republishes_the_same_outcome() {
        String tenant = newId("tenant");
        String address = newId("twice") + "@example.com";
        String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), address, link, false);

        send(event);
        send(event);

        List<DeliveryOutcome> outcomes = awaitOutcomes(event.getEventId(), 2);
        assertThat(awaitMailTo(address, 1)).singleElement().satisfies(mail -> assertThat(mail.body()).contains(link));
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(deliveryRow(event.getEventId())).containsEntry("attempts", 1);
    }

    @Test
    void a_resend_of_the_same_link_is_a_new_issuance_and_sends_a_second_email() {
        String tenant = newId("tenant");
        String user = newId("user");
        String linkId = newId("link");
        String address = newId("again") + "@example.com";
        String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
        ResetLinkIssued first = linkIssued(tenant, user, linkId, address, link, false);
        ResetLinkIssued resend = linkIssued(tenant, user, linkId, address, link, true);

        send(first);
        send(resend);

        assertThat(awaitMailTo(address, 2)).allSatisfy(mail -> assertThat(mail.body()).contains(link));
        DeliveryOutcome firstOutcome = awaitOutcomes(first.getEventId(), 1).get(0);
        DeliveryOutcome resendOutcome = awaitOutcomes(resend.getEventId(), 1).get(0);
        assertThat(List.of(firstOutcome.getStatus(), resendOutcome.getStatus()))
                .containsOnly(DeliveryStatus.SENT);
        assertThat(resendOutcome.getEventId()).isNotEqualTo(firstOutcome.getEventId());
        assertThat(resendOutcome.getLinkId()).isEqualTo(firstOutcome.getLinkId());
        assertThat(resendOutcome.getProviderMessageId()).isNotEqualTo(firstOutcome.getProviderMessageId());
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_and_the_next_message_is_still_delivered() {
        String tenant = newId("tenant");
        String user = newId("user");
        String key = Topics.key(tenant, user);
        byte[] poison = ("not an event " + tenant).getBytes(StandardCharsets.UTF_8);
        String address = newId("after-poison") + "@example.com";
        String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
        ResetLinkIssued good = linkIssued(tenant, user, newId("link"), address, link, false);

        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
            sendRaw(Topics.LINK_ISSUED, key, poison);
            send(good); // same key, same partition: only delivered if the consumer moved past the poison

            await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.poll(r -> key.equals(r.key())).isEmpty());
            assertThat(deadLetters.poll(r -> key.equals(r.key()))).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(poison));
            assertThat(awaitMailTo(address, 1)).singleElement().satisfies(mail -> assertThat(mail.body()).contains(link));
            assertThat(awaitOutcomes(good.getEventId(), 1).get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
        }
    }

    @Test
    void an_event_whose_link_does_not_open_is_dead_lettered_without_any_email_or_outcome() {
        String tenant = newId("tenant");
        String user = newId("user");
        String key = Topics.key(tenant, user);
        String address = newId("unopenable") + "@example.com";
        ResetLinkIssued event = linkIssued(tenant, user, newId("link"), address, "https://portal.example/reset/x", false);
        // sealed for another tenant: authenticated encryption refuses to open it here
        event.setLink(EVENT_SEALER.seal("https://evil.example/reset/x", "link:other-tenant").toAvro());

        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
            send(event);

            await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.poll(r -> key.equals(r.key())).isEmpty());
        }
        assertThat(mailTo(address)).isEmpty();
        assertThat(outcomes(event.getEventId())).isEmpty();
    }

    @Test
    void an_unknown_channel_is_reported_as_a_permanent_failure() {
        String tenant = newId("tenant");
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), "+14155550101",
                "https://portal.example/reset/" + newId("tok"), false);
        event.setChannel(Channel.UNKNOWN);
        event.setMaskedRecipient(Mask.address("+14155550101"));

        send(event);

        assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
            assertThat(outcome.getReason()).isEqualTo("channel UNKNOWN not supported");
            assertThat(outcome.getChannel()).isEqualTo(Channel.UNKNOWN);
        });
    }

    @Test
    void health_and_prometheus_metrics_are_exposed_with_delivery_attempts_counted() throws Exception {
        String tenant = newId("tenant");
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), newId("metrics") + "@example.com",
                "https://portal.example/reset/" + newId("tok"), false);
        send(event);
        awaitOutcomes(event.getEventId(), 1);

        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern(
                "resetflow_delivery_attempts_total\\{[^}]*channel=\"EMAIL\"[^}]*status=\"SENT\"[^}]*\\} [1-9]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
