package io.resetflow.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.support.ResetRequestedLog;
import io.resetflow.testsupport.Infrastructure;

/**
 * Offsets are committed once a second ({@code ack-mode: time}); what was handled since the last commit must be
 * committed when the container stops (a deployment's graceful stop), or the next instance redoes it.
 */
class TimelineOffsetsIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final String TIMELINE = "api-service-timeline";

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    private final ResetRequestedLog log = new ResetRequestedLog();

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void a_graceful_stop_commits_what_was_recorded_since_the_last_timed_commit() throws Exception {
        MessageListenerContainer container = registry.getListenerContainer(TIMELINE);
        Duration ackTime = Duration.ofMillis(container.getContainerProperties().getAckTime());
        container.stop();
        // no timed commit within the test: only the stop can commit the record below
        container.getContainerProperties().setAckTime(Duration.ofMinutes(10).toMillis());
        container.start();
        try {
            HttpResponse<String> requested = send("POST", "/v1/password-resets", PUBLIC_KEY,
                    "{\"EmailAddress\":\"bob@example.com\"}");
            String location = requested.headers().firstValue("Location").orElseThrow();
            String requestId = location.substring(location.lastIndexOf('/') + 1);
            ResetRequestedLog.Entry entry = await().atMost(Duration.ofSeconds(20))
                    .until(() -> log.poll(e -> e.getCorrelationId().equals(requestId)), l -> !l.isEmpty()).get(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from timeline_entries where event_id = ?")
                    .param(entry.event().getEventId()).query(Integer.class).single() == 1);
            TopicPartition partition = new TopicPartition(entry.record().topic(), entry.record().partition());
            assertThat(committed(partition)).as("not committed before the stop").isLessThanOrEqualTo(entry.record().offset());

            container.stop();

            // stop() waits for the consumer thread only up to the shutdown timeout; on a slow machine its last commit
            // may land just after (no timed commit can within the test's ten minutes)
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(committed(partition))
                    .as("committed by the stop").isGreaterThan(entry.record().offset()));
        } finally {
            container.stop();
            container.getContainerProperties().setAckTime(ackTime.toMillis());
            container.start();
        }
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(TIMELINE)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
