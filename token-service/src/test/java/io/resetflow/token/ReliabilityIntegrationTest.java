package io.resetflow.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.testsupport.Infrastructure;
import io.resetflow.testsupport.TopicLog;

/**
 * Issue 4 "Reliability": every ResetRequested leads to exactly one decision, and no user ever holds two live
 * links, when the consumer stops mid-burst and its uncommitted records come again, and when two instances
 * share the consumer group (one of them leaving mid-burst).
 */
class ReliabilityIntegrationTest extends TokenServiceIntegrationTestBase {

    private static final String LISTENER = "reset-requested";
    private static final String GROUP = "token-service";
    private static final int USERS = 10;
    private static final int REQUESTS_PER_USER = 6;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private MeterRegistry meters;

    private TopicLog linkIssued;
    private TopicLog throttled;
    private String tenant;
    private List<String> users;

    @BeforeEach
    void setUp() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
        throttled = new TopicLog(Topics.THROTTLED);
        tenant = newId("t");
        users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(newId("u"));
        }
    }

    @AfterEach
    void tearDown() {
        container().start();
        linkIssued.close();
        throttled.close();
    }

    @Test
    void a_consumer_stopped_mid_burst_whose_uncommitted_records_come_again_still_decides_each_request_once() throws Exception {
        assertThat(container().getGroupId()).isEqualTo(GROUP);
        Map<TopicPartition, Long> before = endOffsets();
        double duplicatesBefore = duplicatesSkipped();
        List<ResetRequested> burst = burst(0);
        burst.forEach(this::send);

        await().atMost(Duration.ofSeconds(60)).until(() -> decided() >= 15);
        container().stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container().isRunning());
        long decidedWhenStopped = decided();
        // The worst crash: none of its offset commits survived, so every record of the burst comes again.
        rewindGroupTo(before);
        container().start();

        await().atMost(Duration.ofSeconds(90)).until(() -> decided() == burst.size());
        // every request decided before the stop came again and was recognised as processed
        await().atMost(Duration.ofSeconds(30))
                .until(() -> duplicatesSkipped() - duplicatesBefore >= decidedWhenStopped);
        assertExactlyOneDecisionPerRequest(burst);
        assertNoUserHasTwoLiveLinks();
        assertEachUserGotFiveDeliveriesAndOneThrottle();
    }

    @Test
    void two_instances_in_one_consumer_group_decide_each_request_once_even_when_one_leaves_mid_burst() {
        double primaryBefore = decisionsCounted(meters);
        List<ResetRequested> burst = burst(Duration.ofHours(16).toSeconds());
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            MessageListenerContainer secondContainer = second.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(LISTENER);
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(secondContainer) && assigned(container()));

            burst.forEach(this::send);
            // half decided, some by each: the first instance's partitions alone can hold half the burst
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> decided() >= burst.size() / 2 && decisionsCounted(secondMeters) > 0);
            double secondDecided = decisionsCounted(secondMeters);
            second.close(); // leaves the group mid-burst; the survivor takes its partitions over

            await().atMost(Duration.ofSeconds(90)).until(() -> decided() == burst.size());
            assertThat(secondDecided).as("decisions by the second instance").isPositive();
            assertThat(decisionsCounted(meters) - primaryBefore).as("decisions by the first instance").isPositive();
        }
        assertExactlyOneDecisionPerRequest(burst);
        assertNoUserHasTwoLiveLinks();
        assertEachUserGotFiveDeliveriesAndOneThrottle();
    }

    /** Six requests for each of ten users, interleaved; limit 5 per hour, so each user gets one throttle. */
    private List<ResetRequested> burst(long reuseWindowSeconds) {
        List<ResetRequested> burst = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_USER; i++) {
            for (String user : users) {
                burst.add(resetRequested(tenant, user, reuseWindowSeconds));
            }
        }
        return burst;
    }

    private void assertExactlyOneDecisionPerRequest(List<ResetRequested> burst) {
        Set<String> keys = users.stream().map(u -> Topics.key(tenant, u)).collect(Collectors.toSet());
        Predicate<String> ours = keys::contains;
        await().atMost(Duration.ofSeconds(30)).until(() -> decisionEvents(ours).size() >= burst.size());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> decisionEvents(ours).size() == burst.size());
        Map<String, List<SpecificRecord>> byRequest = decisionEvents(ours).stream()
                .collect(Collectors.groupingBy(ReliabilityIntegrationTest::correlationId));
        for (ResetRequested request : burst) {
            assertThat(byRequest.get(request.getCorrelationId())).as("decisions on " + request.getCorrelationId())
                    .hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from processed_events where tenant_id = ? and decision is not null")
                .param(tenant).query(Long.class).single()).isEqualTo(burst.size());
    }

    private void assertNoUserHasTwoLiveLinks() {
        assertThat(jdbc.sql("""
                select user_id from reset_tokens where tenant_id = ? and used_at is null and replaced_at is null
                and expires_at > now() group by user_id having count(*) > 1""").param(tenant).query(String.class).list())
                .isEmpty();
        assertThat(jdbc.sql("""
                select count(distinct user_id) from reset_tokens where tenant_id = ? and used_at is null
                and replaced_at is null and expires_at > now()""").param(tenant).query(Long.class).single())
                .isEqualTo(USERS);
    }

    private void assertEachUserGotFiveDeliveriesAndOneThrottle() {
        Map<String, Long> throttles = jdbc.sql("""
                select user_id, count(*) from processed_events where tenant_id = ? and decision = 'THROTTLED'
                group by user_id""").param(tenant).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(throttles).hasSize(USERS).allSatisfy((user, count) -> assertThat(count).isEqualTo(1L));
    }

    private List<SpecificRecord> decisionEvents(Predicate<String> key) {
        List<SpecificRecord> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : linkIssued.pollKeys(key)) {
            events.add(decodeAny(Topics.LINK_ISSUED, r.value()));
        }
        for (ConsumerRecord<String, byte[]> r : throttled.pollKeys(key)) {
            events.add(decodeAny(Topics.THROTTLED, r.value()));
        }
        return events;
    }

    private static String correlationId(SpecificRecord event) {
        if (event instanceof ResetLinkIssued issued) {
            return issued.getCorrelationId();
        }
        return ((ResetRequestThrottled) event).getCorrelationId();
    }

    private long decided() {
        return jdbc.sql("select count(*) from processed_events where tenant_id = ? and decision is not null")
                .param(tenant).query(Long.class).single();
    }

    private double duplicatesSkipped() {
        Counter duplicates = meters.find("resetflow.token.decisions").tag("decision", "DUPLICATE").counter();
        return duplicates == null ? 0 : duplicates.count();
    }

    private MessageListenerContainer container() {
        return listeners.getListenerContainer(LISTENER);
    }

    private static boolean assigned(MessageListenerContainer container) {
        return container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
    }

    private static double decisionsCounted(MeterRegistry registry) {
        return registry.find("resetflow.token.decisions").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** A second token-service, as a second process would run it: its own web server, the same group. */
    private ConfigurableApplicationContext startSecondInstance() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().springProperties("token"));
        properties.put("server.port", "0");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TokenServiceApplication.class).profiles("local").run(args);
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        return Admin.create(props);
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.RESET_REQUESTED)).allTopicNames().get().get(Topics.RESET_REQUESTED)
                    .partitions().forEach(p -> latest.put(new TopicPartition(Topics.RESET_REQUESTED, p.partition()),
                            OffsetSpec.latest()));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        }
    }

    /** Needs the group empty (the only member stopped): retried until the broker saw it leave. */
    private static void rewindGroupTo(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
        offsets.forEach((tp, offset) -> target.put(tp, new OffsetAndMetadata(offset)));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                admin.alterConsumerGroupOffsets(GROUP, target).all().get();
                return true;
            }
        });
    }
}
