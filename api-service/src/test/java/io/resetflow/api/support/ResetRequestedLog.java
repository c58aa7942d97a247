package io.resetflow.api.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.testsupport.TopicLog;

/** Reads {@code reset.requested} from the start of the real topic, as an auditor would, decoded. Not thread-safe. */
public final class ResetRequestedLog implements AutoCloseable {

    public record Entry(ConsumerRecord<String, byte[]> record, ResetRequested event) {
    }

    private final TopicLog log = new TopicLog(Topics.RESET_REQUESTED);
    private final List<Entry> decoded = new ArrayList<>();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    /** Polls once and returns everything seen so far that matches. */
    public List<Entry> poll(Predicate<ResetRequested> filter) {
        return matching(log.poll(r -> true), filter);
    }

    /** Reads every record the topic held when called, and returns everything seen so far that matches. */
    public List<Entry> readToEnd(Predicate<ResetRequested> filter, Duration timeout) {
        return matching(log.readToEnd(r -> true, timeout), filter);
    }

    /** The log only grows at its end, so only the records not decoded yet are decoded. */
    private List<Entry> matching(List<ConsumerRecord<String, byte[]>> all, Predicate<ResetRequested> filter) {
        for (ConsumerRecord<String, byte[]> r : all.subList(decoded.size(), all.size())) {
            decoded.add(new Entry(r, (ResetRequested) deserializer.deserialize(r.topic(), r.value())));
        }
        return decoded.stream().filter(e -> filter.test(e.event())).toList();
    }

    @Override
    public void close() {
        log.close();
    }
}
