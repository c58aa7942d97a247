package io.resetflow.notifier.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import io.resetflow.schemas.Topics;
import io.resetflow.testsupport.Infrastructure;

/**
 * Makes the real broker refuse DeliveryOutcome records (the topic's {@code max.message.bytes} below their size) while
 * it takes every other record, dead letters included: an outcome that cannot be published, and nothing else wrong.
 */
public final class OutcomeTopicLimit implements AutoCloseable {

    private static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    private final Admin admin;

    private OutcomeTopicLimit() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()));
    }

    /** Outcomes are refused from now until {@link #close}. */
    public static OutcomeTopicLimit refuseOutcomes() throws Exception {
        OutcomeTopicLimit limit = new OutcomeTopicLimit();
        try {
            limit.set("64");
        } catch (Exception | Error e) {
            limit.admin.close();
            throw e;
        }
        return limit;
    }

    /** Outcomes are taken again. */
    @Override
    public void close() throws Exception {
        try {
            set(null);
        } finally {
            admin.close();
        }
    }

    /** Sets (or, with null, removes) the outcome topic's record size limit and waits until the broker reports it. */
    private void set(String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DELIVERY_OUTCOME);
        AlterConfigOp op = bytes == null
                ? new AlterConfigOp(new ConfigEntry(MAX_MESSAGE_BYTES, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(MAX_MESSAGE_BYTES, bytes), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ConfigEntry entry = admin.describeConfigs(List.of(topic)).all().get().get(topic).get(MAX_MESSAGE_BYTES);
            return bytes == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : bytes.equals(entry.value());
        });
    }
}
