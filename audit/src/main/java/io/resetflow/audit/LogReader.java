package io.resetflow.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.resetflow.schemas.serde.AvroEventDeserializer;

/**
 * Reads the audited topics from the beginning (or from a time) up to the end offsets captured when it
 * starts, with {@code assign} and {@code seek}: no consumer group, nothing committed, nothing changed on the
 * broker. Decodes every value with {@link AvroEventDeserializer} (every released schema version); a record that
 * does not decode is handed to the sink as undecodable and reading goes on.
 */
final class LogReader {

    /** Receives every record in log order within each partition. */
    interface Sink {
        /** A decoded event; {@code raw} is the record as read (headers and value bytes). */
        void event(LoggedEvent event, ConsumerRecord<byte[], byte[]> raw);

        /** A record whose value is not a resetflow event. */
        void undecodable(ConsumerRecord<byte[], byte[]> raw, String reason);

        /** A null value (a tombstone on a compacted topic). */
        default void tombstone(ConsumerRecord<byte[], byte[]> raw) {
        }
    }

    record Summary(long records, long events, long undecodable, List<String> missingTopics, Duration took) {
    }

    private final LogOptions options;
    private final Progress progress;

    LogReader(LogOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    Summary read(Sink sink) {
        long started = System.nanoTime();
        AvroEventDeserializer deserializer = new AvroEventDeserializer();
        long records = 0;
        long events = 0;
        long undecodable = 0;
        List<String> missing = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            Duration timeout = options.timeout;
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : options.topics()) {
                List<PartitionInfo> infos = existing.get(topic);
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                    continue;
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions, end, timeout);
            Set<TopicPartition> open = new HashSet<>();
            long expected = 0;
            for (TopicPartition tp : partitions) {
                long from = start.get(tp);
                if (from < end.get(tp)) {
                    consumer.seek(tp, from);
                    open.add(tp);
                    expected += end.get(tp) - from;
                }
            }
            consumer.pause(difference(partitions, open));
            progress.expect(expected);
            long to = options.to == null ? Long.MAX_VALUE : options.to.toEpochMilli();
            long lastProgress = System.nanoTime();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition tp : batch.partitions()) {
                    long limit = end.get(tp);
                    for (ConsumerRecord<byte[], byte[]> record : batch.records(tp)) {
                        if (record.offset() >= limit) {
                            break;
                        }
                        records++;
                        if (record.timestamp() > to) {
                            continue;
                        }
                        if (record.value() == null) {
                            sink.tombstone(record);
                            continue;
                        }
                        SpecificRecord event;
                        try {
                            event = deserializer.deserialize(record.topic(), record.value());
                        } catch (SerializationException | IllegalArgumentException e) {
                            undecodable++;
                            sink.undecodable(record, e.getMessage());
                            continue;
                        }
                        events++;
                        sink.event(new LoggedEvent(record.topic(), record.partition(), record.offset(),
                                record.timestamp(), event), record);
                    }
                }
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                List<TopicPartition> finished = new ArrayList<>();
                for (TopicPartition tp : open) {
                    if (consumer.position(tp, timeout) >= end.get(tp)) {
                        finished.add(tp);
                    }
                }
                if (!finished.isEmpty()) {
                    finished.forEach(open::remove);
                    consumer.pause(finished);
                    lastProgress = System.nanoTime();
                }
                progress.update(records);
                if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new AuditException("no progress reading " + open + " for " + timeout.toSeconds()
                            + " s: is the broker at " + options.bootstrapServer + " still up?");
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new AuditException("cannot read from Kafka at " + options.bootstrapServer + " within "
                    + options.timeout.toSeconds() + " s: " + e.getMessage());
        }
        progress.done(records);
        return new Summary(records, events, undecodable, missing, Duration.ofNanos(System.nanoTime() - started));
    }

    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, Duration timeout) {
        if (options.from == null) {
            return consumer.beginningOffsets(partitions, timeout);
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, options.from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            result.put(tp, at == null ? end.get(tp) : at.offset());
        }
        return result;
    }

    private static List<TopicPartition> difference(List<TopicPartition> all, Set<TopicPartition> open) {
        return all.stream().filter(tp -> !open.contains(tp)).toList();
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(options.consumerProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServer);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "resetflow-audit");
        p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        p.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(4 * 1024 * 1024));
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(options.timeout.toMillis()));
        return p;
    }
}
