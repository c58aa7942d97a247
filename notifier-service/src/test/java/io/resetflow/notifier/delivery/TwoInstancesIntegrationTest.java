package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.resetflow.notifier.NotifierServiceApplication;
import io.resetflow.testsupport.TopicLog;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.notifier.support.TestMail;
import io.resetflow.testsupport.Infrastructure;

/**
 * Two notifier-service instances (two Spring applications, as two processes would run them) in one consumer group on
 * the same broker and database, through a burst of ResetLinkIssued; one leaves mid-burst. Every link is mailed
 * exactly once and every issuance has exactly one DeliveryOutcome, SENT.
 */
class TwoInstancesIntegrationTest {

    private static final Sealer SEALER =
            Sealer.of("local-1", Map.of("local-1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    private static final int BURST = 40;

    private final String group = "notifier-two-it-" + UUID.randomUUID();
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void two_instances_mail_every_link_once_with_one_outcome_each_even_when_one_leaves_mid_burst() throws Exception {
        List<ResetLinkIssued> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(issued("user-" + i, "u" + i + "-" + tenant + "@example.com"));
        }
        try (KafkaProducer<String, byte[]> producer = producer();
                ConfigurableApplicationContext first = start();
                TopicLog outcomeLog = new TopicLog(Topics.DELIVERY_OUTCOME)) { // after a notifier created the topic
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            ConfigurableApplicationContext second = start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first) && assigned(second));
                burst.subList(0, BURST / 2).forEach(e -> produce(producer, e));
                await().atMost(Duration.ofSeconds(60)).until(() -> sent(jdbc) >= BURST / 4);
            } finally {
                double bySecond = attempts(second);
                second.close(); // leaves the group mid-burst; the survivor takes its partitions over
                assertThat(bySecond).as("attempts by the second instance").isPositive();
            }
            burst.subList(BURST / 2, BURST).forEach(e -> produce(producer, e));

            await().atMost(Duration.ofSeconds(90)).until(() -> sent(jdbc) == BURST);
            assertThat(attempts(first)).as("attempts by the first instance").isPositive();

            await().atMost(Duration.ofSeconds(30)).until(() -> mailsOfTenant().size() >= BURST);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).until(() -> mailsOfTenant().size() == BURST);
            Map<String, Long> perAddress = mailsOfTenant().stream()
                    .collect(Collectors.groupingBy(CapturedMessage::to, Collectors.counting()));
            assertThat(perAddress).hasSize(BURST).allSatisfy((address, count) -> assertThat(count).isEqualTo(1L));
            for (ResetLinkIssued event : burst) {
                String link = SEALER.open(io.resetflow.schemas.seal.SealedValue.fromAvro(event.getLink()),
                        "link:" + tenant);
                assertThat(mailsOfTenant().stream().filter(m -> m.body().contains(link))).hasSize(1);
            }
            assertThat(jdbc.sql("select count(*) from deliveries where tenant_id = :t and status = 'SENT' and attempts = 1")
                    .param("t", tenant).query(Integer.class).single()).isEqualTo(BURST);

            AvroEventDeserializer deserializer = new AvroEventDeserializer();
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomesByIssuance(outcomeLog, deserializer).size() == BURST);
            Map<String, List<DeliveryOutcome>> outcomes = outcomesByIssuance(outcomeLog, deserializer);
            for (ResetLinkIssued event : burst) {
                List<DeliveryOutcome> ofEvent = outcomes.get(event.getEventId());
                assertThat(ofEvent).as("outcomes of " + event.getEventId()).isNotNull();
                assertThat(ofEvent.stream().map(DeliveryOutcome::getEventId).distinct()).hasSize(1);
                assertThat(ofEvent).allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(DeliveryStatus.SENT));
            }
        }
    }

    private Map<String, List<DeliveryOutcome>> outcomesByIssuance(TopicLog log, AvroEventDeserializer deserializer) {
        List<DeliveryOutcome> ours = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : log.poll(r -> r.key() != null && r.key().startsWith(tenant + ":"))) {
            ours.add((DeliveryOutcome) deserializer.deserialize(Topics.DELIVERY_OUTCOME, r.value()));
        }
        return ours.stream().filter(o -> o.getTenantId().equals(tenant))
                .collect(Collectors.groupingBy(DeliveryOutcome::getCausationId));
    }

    private List<CapturedMessage> mailsOfTenant() {
        return MAIL.messages().stream().filter(m -> m.to().endsWith("-" + tenant + "@example.com")).toList();
    }

    private int sent(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from deliveries where tenant_id = :t and status = 'SENT'")
                .param("t", tenant).query(Integer.class).single();
    }

    private static boolean assigned(ConfigurableApplicationContext context) {
        MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("link-issued");
        return container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
    }

    private static double attempts(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("resetflow.delivery.attempts").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** One notifier-service as a process would run it: its own web server, the shared group, database and SMTP. */
    private ConfigurableApplicationContext start() {
        Map<String, Object> props = new HashMap<>(Infrastructure.shared().springProperties("notifier"));
        props.put("server.port", "0");
        props.put("spring.kafka.consumer.group-id", group);
        // one consumer per instance, so that both instances get some of the topic's three partitions
        props.put("spring.kafka.listener.concurrency", "1");
        props.put("spring.mail.host", "127.0.0.1");
        props.put("spring.mail.port", Integer.toString(MAIL.smtpPort()));
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(NotifierServiceApplication.class).profiles("local").run(args);
    }

    private ResetLinkIssued issued(String userId, String address) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return ResetLinkIssued.newBuilder()
                .setEventId(eventId).setOccurredAt(now).setTenantId(tenant).setCorrelationId("corr-" + eventId)
                .setCausationId(UUID.randomUUID().toString()).setUserId(userId).setLinkId("link-" + eventId)
                .setResend(false).setIssuedAt(now).setExpiresAt(now.plus(Duration.ofDays(7)))
                .setChannel(Channel.EMAIL)
                .setRecipient(SEALER.seal(address, "recipient:" + tenant).toAvro())
                .setMaskedRecipient(Mask.address(address))
                .setLink(SEALER.seal("https://portal.example/" + tenant + "/reset/" + eventId, "link:" + tenant).toAvro())
                .build();
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void produce(KafkaProducer<String, byte[]> producer, ResetLinkIssued event) {
        try {
            producer.send(new ProducerRecord<>(Topics.LINK_ISSUED, Topics.key(event.getTenantId(), event.getUserId()),
                    new AvroEventSerializer().serialize(Topics.LINK_ISSUED, event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce", e);
        }
    }
}
