package io.resetflow.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.Infrastructure;
import io.resetflow.token.support.TestClock;

/**
 * token-service on a random port against the shared real Kafka and PostgreSQL (local profile keys).
 * Every test works on a tenant and user of its own, so tests never see each other's events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@Import(TokenServiceIntegrationTestBase.ClockConfig.class)
public abstract class TokenServiceIntegrationTestBase {

    /** One context for every integration test, whose clock the tests control. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    protected static final String INTERNAL_SECRET = "local-internal-secret";
    /** The local event key ring, as api-service and notifier-service hold it. */
    protected static final Sealer EVENT_SEALER =
            Sealer.of("local-1", Map.of("local-1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));

    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.shared().springProperties("token").forEach((key, value) -> registry.add(key, () -> value));
        // Fallback polling slowed right down: every event that arrives within a test's wait was sent because the
        // committing decision woke the relay, which is what keeps delivery latency low.
        registry.add("resetflow.outbox.poll-interval", () -> "10m");
    }

    @AfterEach
    void releaseClock() {
        clock.release();
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

    protected ResetRequested resetRequested(String tenantId, String userId, long reuseWindowSeconds) {
        String eventId = UUID.randomUUID().toString();
        String address = "someone@example.com";
        return ResetRequested.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now())
                .setTenantId(tenantId)
                .setCorrelationId(eventId)
                .setCausationId(eventId)
                .setUserId(userId)
                .setOrigin("API")
                .setChannel(Channel.EMAIL)
                .setRecipient(EVENT_SEALER.seal(address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(Mask.address(address))
                .setLinkBaseUrl("https://portal.example/" + tenantId + "/")
                .setTokenTtlSeconds(Duration.ofDays(7).toSeconds())
                .setReuseWindowSeconds(reuseWindowSeconds)
                .setDeliveriesPerUserPerHour(5)
                .build();
    }

    protected void send(ResetRequested event) {
        sendRaw(Topics.RESET_REQUESTED, Topics.key(event.getTenantId(), event.getUserId()),
                serializer.serialize(Topics.RESET_REQUESTED, event));
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

    protected ResetLinkIssued decode(byte[] value) {
        return (ResetLinkIssued) deserializer.deserialize(Topics.LINK_ISSUED, value);
    }

    protected static String openLink(ResetLinkIssued event) {
        return EVENT_SEALER.open(SealedValue.fromAvro(event.getLink()), "link:" + event.getTenantId());
    }

    protected static String tokenOf(ResetLinkIssued event) {
        String link = openLink(event);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /**
     * Waits until every event committed under the key has left the outbox for the log: before a check that nothing was
     * published, which could otherwise pass only because the relay had not got to it yet.
     */
    protected void awaitOutboxDrained(String key) {
        await("outbox drained for " + key).atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from outbox where record_key = ?").param(key).query(Long.class).single() == 0);
    }

    /** Waits until exactly {@code n} ResetLinkIssued for the user arrived, and no more within a settle time. */
    protected List<ResetLinkIssued> awaitLinkIssued(io.resetflow.testsupport.TopicLog log, String tenantId,
            String userId, int n) {
        String key = Topics.key(tenantId, userId);
        await().atMost(Duration.ofSeconds(30)).until(() -> log.pollKeys(key::equals).size() >= n);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> log.pollKeys(key::equals).size() == n);
        List<ResetLinkIssued> events = log.pollKeys(key::equals).stream().map(r -> decode(r.value())).toList();
        assertThat(events).hasSize(n);
        return events;
    }

    protected HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** The decision on a request, as api-service asks for it (waits up to 5 s in token-service). */
    protected tools.jackson.databind.JsonNode forRequest(String tenantId, String requestId) {
        HttpResponse<String> response = post("/internal/v1/tokens/for-request", "Bearer " + INTERNAL_SECRET,
                "{\"tenantId\":\"" + tenantId + "\",\"requestId\":\"" + requestId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    protected tools.jackson.databind.JsonNode latest(String tenantId, String userId) {
        HttpResponse<String> response = post("/internal/v1/tokens/latest", "Bearer " + INTERNAL_SECRET,
                "{\"tenantId\":\"" + tenantId + "\",\"userId\":\"" + userId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Sends the request and waits for token-service's decision on it; returns the for-request answer. */
    protected tools.jackson.databind.JsonNode decide(ResetRequested event) {
        send(event);
        // asked again while PENDING (a read): the first request of a class can meet the listeners' group still forming
        return await("decision on " + event.getCorrelationId()).atMost(Duration.ofSeconds(30))
                .until(() -> forRequest(event.getTenantId(), event.getCorrelationId()),
                        decision -> !"PENDING".equals(decision.get("status").asString()));
    }

    protected static ResetRequested returningToken(ResetRequested event) {
        return ResetRequested.newBuilder(event).setReturnToken(true).build();
    }

    protected static ResetRequested withLimit(ResetRequested event, int deliveriesPerUserPerHour) {
        return ResetRequested.newBuilder(event).setDeliveriesPerUserPerHour(deliveriesPerUserPerHour).build();
    }

    /** Decodes any event of any topic. */
    protected org.apache.avro.specific.SpecificRecord decodeAny(String topic, byte[] value) {
        return (org.apache.avro.specific.SpecificRecord) deserializer.deserialize(topic, value);
    }

    protected HttpResponse<String> internal(String operation, String token) {
        return post("/internal/v1/tokens/" + operation, "Bearer " + INTERNAL_SECRET, "{\"token\":\"" + token + "\"}");
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    protected static tools.jackson.databind.JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
