package io.resetflow.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.Infrastructure;

/**
 * The timeline (the console's history of a request) skips no event because the database restarted: an event that
 * comes while api-service cannot reach its database is written once it can again. Meanwhile the API answers 503
 * with Retry-After, not a fault. An entry the database refuses is skipped alone, not with the events of its poll.
 */
class TimelineFailuresIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void outage(DynamicPropertyRegistry registry) {
        // a timeline consumer group of its own, so that this context (and no other cached one) writes the event
        registry.add("resetflow.timeline.group-id", () -> "timeline-outage-" + UUID.randomUUID());
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @Test
    void an_event_that_comes_while_the_database_is_away_is_on_the_timeline_once_it_is_back() throws Exception {
        String userId = UUID.randomUUID().toString();
        PasswordChanged event = passwordChanged(userId, "req-" + UUID.randomUUID());
        String eventId = event.getEventId();
        String key = Topics.key("demo", userId);
        // the projection's consumer has its partitions before the outage
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var assigned = listeners.getListenerContainer("api-service-timeline").getAssignedPartitions();
            return assigned != null && !assigned.isEmpty();
        });

        double failuresBefore = timelineFailures();
        Infrastructure.shared().databaseReachable("api", false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PASSWORD_CHANGED, key, null);
            byte[] value = new AvroEventSerializer().serialize(Topics.PASSWORD_CHANGED, record.headers(), event);
            producer.send(new ProducerRecord<>(Topics.PASSWORD_CHANGED, null, key, value, record.headers())).get();
            // the consumer fails to write it more often than it used to try before skipping (4 attempts)
            await().atMost(Duration.ofSeconds(60)).until(() -> timelineFailures() >= failuresBefore + 5);
            // meanwhile the intake says to come back, not that it broke
            var answer = post("/v1/password-resets", PUBLIC_KEY, "application/json",
                    "{\"EmailAddress\":\"alice@example.com\"}");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("5");
            assertThat(answer.body()).contains("cannot reach its database").doesNotContain("CorrelationId");
        } finally {
            Infrastructure.shared().databaseReachable("api", true);
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jdbc.sql(
                "select count(*) from timeline_entries where event_id = ?").param(eventId).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select event_type from timeline_entries where event_id = ?").param(eventId)
                .query(String.class).single()).isEqualTo("PasswordChanged");
    }

    @Test
    void an_entry_the_database_refuses_is_skipped_alone_and_the_events_of_its_poll_are_on_the_timeline() throws Exception {
        String userId = UUID.randomUUID().toString();
        String key = Topics.key("demo", userId);
        PasswordChanged before = passwordChanged(userId, "req-" + UUID.randomUUID());
        PasswordChanged refused = passwordChanged(userId, "refused-" + UUID.randomUUID());
        PasswordChanged after = passwordChanged(userId, "req-" + UUID.randomUUID());
        jdbc.sql("""
                create or replace function timeline_refuses() returns trigger language plpgsql as
                $$ begin raise exception 'timeline entry refused (test)'; end $$""").update();
        jdbc.sql("create trigger refuses before insert on timeline_entries for each row when (new.request_id = '"
                + refused.getCorrelationId() + "') execute function timeline_refuses()").update();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 100), new StringSerializer(), new ByteArraySerializer())) {
            // one key, one produce batch: one poll brings the three, the refused one between the two others
            List<Future<?>> sent = new ArrayList<>();
            for (PasswordChanged event : List.of(before, refused, after)) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PASSWORD_CHANGED, key, null);
                byte[] value = new AvroEventSerializer().serialize(Topics.PASSWORD_CHANGED, record.headers(), event);
                sent.add(producer.send(new ProducerRecord<>(Topics.PASSWORD_CHANGED, null, key, value, record.headers())));
            }
            for (Future<?> one : sent) {
                one.get();
            }

            // the one after the refused entry is written only once the refused one was skipped
            await().atMost(Duration.ofSeconds(60)).until(() -> entries(before) + entries(after) == 2);
            assertThat(entries(refused)).isZero();
        } finally {
            jdbc.sql("drop trigger refuses on timeline_entries").update();
        }
    }

    private static PasswordChanged passwordChanged(String userId, String requestId) {
        return PasswordChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setTenantId("demo")
                .setCorrelationId(requestId).setCausationId(requestId).setUserId(userId).setLinkId(null).setVia("ADMIN")
                .setRecipient(null).setMaskedRecipient("a***@example.com").build();
    }

    private long entries(PasswordChanged event) {
        return jdbc.sql("select count(*) from timeline_entries where event_id = ?").param(event.getEventId())
                .query(Long.class).single();
    }

    /** Failed calls of the timeline listener, as the listener observation counts them. */
    private double timelineFailures() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .filter(timer -> timer.getId().getTag("name").startsWith("api-service-timeline"))
                .mapToDouble(timer -> timer.count()).sum();
    }
}
