package io.resetflow.notifier;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.testsupport.TopicLog;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.Infrastructure;

/**
 * notifier-service against the shared real Kafka and PostgreSQL (local profile key ring). Each class's context is
 * closed after it, and the next one joins the same consumer group: it goes on from the offsets the last one
 * committed, as a redeployed instance would, instead of replaying every record earlier classes left (re-sending
 * their links, re-dead-lettering their stray records, which made a class's timing depend on the ones before it).
 * Every test works on a tenant and user of its own and reads delivery.outcome from the beginning with its own
 * consumer, filtered by its ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class NotifierIntegrationTestBase {

    /** The local event key ring, as api-service and token-service hold it. */
    protected static final Sealer EVENT_SEALER =
            Sealer.of("local-1", Map.of("local-1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected JdbcClient jdbc;

    protected TopicLog outcomeLog;
    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.shared().springProperties("notifier").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.kafka.consumer.group-id", () -> "notifier-service-it");
        registry.add("resetflow.delivery.initial-backoff", () -> "100ms");
        registry.add("resetflow.delivery.max-backoff", () -> "400ms");
    }

    @BeforeEach
    void openOutcomeLog() {
        outcomeLog = new TopicLog(Topics.DELIVERY_OUTCOME);
    }

    @AfterEach
    void closeOutcomeLog() {
        outcomeLog.close();
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    protected static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static ResetLinkIssued linkIssued(String tenantId, String userId, String linkId, String address,
            String link, boolean resend) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return ResetLinkIssued.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(now)
                .setTenantId(tenantId)
                .setCorrelationId("corr-" + eventId)
                .setCausationId(UUID.randomUUID().toString())
                .setUserId(userId)
                .setLinkId(linkId)
                .setResend(resend)
                .setIssuedAt(now)
                .setExpiresAt(now.plus(Duration.ofDays(7)))
                .setChannel(Channel.EMAIL)
                .setRecipient(EVENT_SEALER.seal(address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(Mask.address(address))
                .setLink(EVENT_SEALER.seal(link, "link:" + tenantId).toAvro())
                .build();
    }

    /** Complete tenant settings as api-service publishes them; adjust the builder in the test. */
    protected static TenantSettingsChanged.Builder settings(String tenantId) {
        String eventId = UUID.randomUUID().toString();
        return TenantSettingsChanged.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenantId)
                .setCorrelationId("corr-" + eventId)
                .setCausationId(eventId)
                .setLinkBaseUrl("https://portal.example/" + tenantId)
                .setTokenTtlSeconds(604800)
                .setReuseWindowSeconds(57600)
                .setDeliveriesPerUserPerHour(5)
                .setRevealUnknownAccounts(false);
    }

    /** Publishes the settings on tenant.settings and waits until the notifier stored them. */
    protected void sendSettings(TenantSettingsChanged event) {
        sendRaw(Topics.TENANT_SETTINGS, event.getTenantId(), serializer.serialize(Topics.TENANT_SETTINGS, event));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from tenant_settings where tenant_id = :t and event_id = :e")
                .param("t", event.getTenantId()).param("e", event.getEventId()).query(Integer.class).single() == 1);
    }

    protected void send(ResetLinkIssued event) {
        sendRaw(Topics.LINK_ISSUED, Topics.key(event.getTenantId(), event.getUserId()), serialize(event));
    }

    /** Sends the events together (one produce batch, so that one poll is likely to bring them all), in order. */
    protected void sendTogether(ResetLinkIssued... events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ResetLinkIssued event : events) {
            records.add(new ProducerRecord<>(Topics.LINK_ISSUED, Topics.key(event.getTenantId(), event.getUserId()),
                    serialize(event)));
        }
        sendRawTogether(records);
    }

    /** Sends the records together (one produce batch per partition, so that one poll is likely to bring them all), in order. */
    protected void sendRawTogether(List<ProducerRecord<String, byte[]>> records) {
        List<Future<?>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer().send(record)));
        try {
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + records.get(0).topic(), e);
        }
    }

    protected byte[] serialize(ResetLinkIssued event) {
        return serializer.serialize(Topics.LINK_ISSUED, event);
    }

    protected void sendRaw(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Every DeliveryOutcome caused by the given issuance, in log order, as raw records. */
    protected List<ConsumerRecord<String, byte[]>> outcomeRecords(String issuanceEventId) {
        return outcomeLog.poll(r -> true).stream()
                .filter(r -> decode(r.value()).getCausationId().equals(issuanceEventId))
                .toList();
    }

    protected List<DeliveryOutcome> outcomes(String issuanceEventId) {
        return outcomeRecords(issuanceEventId).stream().map(r -> decode(r.value())).toList();
    }

    /** Waits until exactly {@code n} outcomes of the issuance arrived, and no more within a settle time. */
    protected List<DeliveryOutcome> awaitOutcomes(String issuanceEventId, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(issuanceEventId).size() >= n);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> outcomes(issuanceEventId).size() == n);
        return outcomes(issuanceEventId);
    }

    protected DeliveryOutcome decode(byte[] value) {
        return (DeliveryOutcome) deserializer.deserialize(Topics.DELIVERY_OUTCOME, value);
    }

    /** The stored row of an issuance, every column rendered as text. */
    protected Map<String, Object> deliveryRow(String issuanceEventId) {
        return jdbc.sql("select * from deliveries where link_issued_event_id = :id")
                .param("id", issuanceEventId).query().singleRow();
    }
}
