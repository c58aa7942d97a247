package io.resetflow.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.resetflow.notifier.NotifierServiceApplication;
import io.resetflow.notifier.support.WebhookReceiver;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.Infrastructure;

/**
 * The retry state lives in the database: a notifier stopped between two attempts of a partner webhook message is
 * replaced by a new one (a new Spring context on the same database and consumer group), which makes the next
 * attempt once; the message is delivered once and not re-queued.
 */
class WebhookRestartIntegrationTest {

    private static final Sealer SEALER =
            Sealer.of("local-1", Map.of("local-1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
    private final String group = "notifier-restart-it-" + UUID.randomUUID();

    @Test
    void a_restart_in_the_middle_of_the_schedule_loses_nothing_and_duplicates_nothing() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(503)) {
            String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
            ConfigurableApplicationContext first = start();
            String endpointId;
            try {
                endpointId = createEndpoint(first, tenant, receiver.url("/restart"));
                ResetLinkIssued issued = issued(tenant);
                produce(issued);

                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.calls().size() == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> attempts(first, endpointId) == 1);
            } finally {
                first.close();
            }
            assertThat(receiver.calls()).hasSize(1);

            ConfigurableApplicationContext second = start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.calls().size() == 2);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).until(() -> receiver.calls().size() == 2);
                assertThat(receiver.calls().get(1).header("webhook-id")).isEqualTo(receiver.calls().get(0).header("webhook-id"));
                Map<String, Object> row = second.getBean(JdbcClient.class)
                        .sql("select status, attempts from webhook_messages where endpoint_id = :e")
                        .param("e", endpointId).query().singleRow();
                assertThat(row).containsEntry("status", "SUCCEEDED").containsEntry("attempts", 2);
            } finally {
                second.close();
            }
        }
    }

    private ConfigurableApplicationContext start() {
        Map<String, Object> props = new HashMap<>(Infrastructure.shared().springProperties("notifier"));
        props.put("server.port", "0");
        props.put("spring.kafka.consumer.group-id", group);
        props.put("resetflow.webhooks.retry-schedule", "0s,4s,4s");
        props.put("resetflow.webhooks.poll-interval", "100ms");
        props.put("resetflow.webhooks.timeout", "3s"); // a starved receiver still answers within it
        // as command-line arguments: they win over application.yml (default properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(NotifierServiceApplication.class).profiles("local").run(args);
    }

    private static int attempts(ConfigurableApplicationContext context, String endpointId) {
        return context.getBean(JdbcClient.class)
                .sql("select coalesce(sum(attempts), 0) from webhook_messages where endpoint_id = :e")
                .param("e", endpointId).query(Integer.class).single();
    }

    private static String createEndpoint(ConfigurableApplicationContext context, String tenant, String url)
            throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/internal/v1/tenants/" + tenant + "/webhooks"))
                .header("Authorization", "Bearer local-internal-secret")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"eventTypes\":[\"ResetLinkIssued\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("id").asString();
    }

    private static ResetLinkIssued issued(String tenant) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return ResetLinkIssued.newBuilder()
                .setEventId(eventId).setOccurredAt(now).setTenantId(tenant).setCorrelationId("corr-" + eventId)
                .setCausationId(UUID.randomUUID().toString()).setUserId("user-1").setLinkId("link-" + eventId)
                .setResend(false).setIssuedAt(now).setExpiresAt(now.plus(Duration.ofDays(7)))
                .setChannel(Channel.NONE)
                .setRecipient(SEALER.seal("r@example.com", "recipient:" + tenant).toAvro())
                .setMaskedRecipient(Mask.address("r@example.com"))
                .setLink(SEALER.seal("https://portal.example/reset/x", "link:" + tenant).toAvro())
                .build();
    }

    private static void produce(ResetLinkIssued event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LINK_ISSUED, Topics.key(event.getTenantId(), event.getUserId()),
                    new AvroEventSerializer().serialize(Topics.LINK_ISSUED, event))).get();
        }
    }
}
