package io.resetflow.token.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.testsupport.ListenedTopics;
import io.resetflow.testsupport.TopicLog;

/** A ResetRequested on the real topic becomes one ResetLinkIssued whose link works, exactly once. */
class ResetRequestedFlowIntegrationTest extends TokenServiceIntegrationTestBase {

    private TopicLog linkIssued;

    @BeforeEach
    void openLog() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
    }

    @AfterEach
    void closeLog() {
        linkIssued.close();
    }

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private List<NewTopic> declared;

    /** A broker that does not create topics on first use must still take every dead letter this service writes. */
    @Test
    void every_topic_a_listener_reads_has_its_dead_letter_topic_declared() {
        assertThat(ListenedTopics.of(listeners)).contains(Topics.RESET_REQUESTED);
        assertThat(ListenedTopics.withoutDeadLetterTopic(listeners, declared, Topics::deadLetter)).isEmpty();
    }

    @Test
    void a_reset_request_yields_one_link_issued_whose_sealed_link_verifies_valid() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested request = resetRequested(tenant, user, Duration.ofHours(16).toSeconds());

        send(request);

        ResetLinkIssued issued = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
        assertThat(openLink(issued)).matches("https://portal\\.example/" + tenant + "/reset/[A-Za-z0-9_-]{43}");
        assertThat(issued.getResend()).isFalse();
        assertThat(issued.getCausationId()).isEqualTo(request.getEventId());
        assertThat(issued.getCorrelationId()).isEqualTo(request.getCorrelationId());
        assertThat(issued.getEventId()).isNotEqualTo(request.getEventId());
        assertThat(issued.getMaskedRecipient()).isEqualTo("s***@example.com");
        assertThat(EVENT_SEALER.open(SealedValue.fromAvro(issued.getRecipient()), "recipient:" + tenant))
                .isEqualTo("someone@example.com");

        HttpResponse<String> verified = internal("verify", tokenOf(issued));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json(verified).get("status").asString()).isEqualTo("VALID");
        assertThat(json(verified).get("tenantId").asString()).isEqualTo(tenant);
        assertThat(json(verified).get("userId").asString()).isEqualTo(user);
    }

    @Test
    void the_same_reset_request_delivered_twice_mints_one_token_and_publishes_one_event() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested request = resetRequested(tenant, user, Duration.ofHours(16).toSeconds());

        send(request);
        send(request);

        awaitLinkIssued(linkIssued, tenant, user, 1);
        assertThat(jdbc.sql("select count(*) from reset_tokens where tenant_id = ? and user_id = ?")
                .params(tenant, user).query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?")
                .param(request.getEventId()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void reissues_same_link_within_reuse_window() {
        String tenant = newId("t");
        String user = newId("u");

        send(resetRequested(tenant, user, Duration.ofHours(16).toSeconds()));
        awaitLinkIssued(linkIssued, tenant, user, 1);
        send(resetRequested(tenant, user, Duration.ofHours(16).toSeconds()));

        List<ResetLinkIssued> events = awaitLinkIssued(linkIssued, tenant, user, 2);
        assertThat(events.get(1).getResend()).isTrue();
        assertThat(events.get(1).getLinkId()).isEqualTo(events.get(0).getLinkId());
        assertThat(openLink(events.get(1))).isEqualTo(openLink(events.get(0)));
    }

    @Test
    void a_new_link_after_the_reuse_window_replaces_the_old_one() {
        String tenant = newId("t");
        String user = newId("u");

        send(resetRequested(tenant, user, 0));
        awaitLinkIssued(linkIssued, tenant, user, 1);
        send(resetRequested(tenant, user, 0));

        List<ResetLinkIssued> events = awaitLinkIssued(linkIssued, tenant, user, 2);
        assertThat(events.get(1).getResend()).isFalse();
        assertThat(events.get(1).getLinkId()).isNotEqualTo(events.get(0).getLinkId());
        assertThat(json(internal("verify", tokenOf(events.get(0)))).get("status").asString()).isEqualTo("REPLACED");
        assertThat(json(internal("verify", tokenOf(events.get(1)))).get("status").asString()).isEqualTo("VALID");
    }

    @Test
    void a_request_for_an_unknown_account_is_recorded_and_sends_nothing() {
        String tenant = newId("t");
        ResetRequested request = resetRequested(tenant, null, 60);

        send(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select decision from processed_events where event_id = ?").param(request.getEventId())
                .query(String.class).optional().filter("IGNORED_UNKNOWN"::equals).isPresent());
        String key = Topics.key(tenant, null);
        awaitOutboxDrained(key);
        assertThat(linkIssued.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_and_the_next_request_is_still_processed() {
        String tenant = newId("t");
        String user = newId("u");
        String poisonKey = Topics.key(tenant, "poison");
        String wrongTypeKey = Topics.key(tenant, "wrong-type");
        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.RESET_REQUESTED))) {
            sendRaw(Topics.RESET_REQUESTED, poisonKey, "this is not avro".getBytes());
            // decodes, but is a ResetLinkIssued on the request topic
            send(resetRequested(tenant, user, 60));
            ResetLinkIssued foreign = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
            sendRaw(Topics.RESET_REQUESTED, wrongTypeKey,
                    new io.resetflow.schemas.serde.AvroEventSerializer().serialize(Topics.LINK_ISSUED, foreign));
            String next = newId("u");
            send(resetRequested(tenant, next, 60));

            awaitLinkIssued(linkIssued, tenant, next, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.pollKeys(poisonKey::equals).isEmpty()
                    && !deadLetters.pollKeys(wrongTypeKey::equals).isEmpty());
            ConsumerRecord<String, byte[]> poison = deadLetters.pollKeys(poisonKey::equals).get(0);
            assertThat(new String(poison.value())).isEqualTo("this is not avro");
            assertThat(poison.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
            assertThat(deadLetters.pollKeys(poisonKey::equals)).hasSize(1);
        }
    }
}
