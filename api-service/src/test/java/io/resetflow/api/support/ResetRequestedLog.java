package io.resetflow.api.support;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.testsupport.Infrastructure;

/** Reads {@code reset.requested} from the start of the real topic, as an auditor would. */
public final class ResetRequestedLog implements AutoCloseable {

    public record Entry(ConsumerRecord<String, byte[]> record, ResetRequested event) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Entry> seen = new CopyOnWriteArrayList<>();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    public ResetRequestedLog() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "api-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.RESET_REQUESTED));
    }

    /** Polls once and returns everything seen so far that matches. */
    public List<Entry> poll(Predicate<ResetRequested> filter) {
        consumer.poll(Duration.ofMillis(200)).forEach(r ->
                seen.add(new Entry(r, (ResetRequested) deserializer.deserialize(r.topic(), r.value()))));
        return seen.stream().filter(e -> filter.test(e.event())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
