package io.resetflow.schemas.chain;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * Stamps every outgoing record with the tamper-evidence header {@value ChainHeader#NAME}
 * ({@code <producerId>:<sequence>:<previousHashHex>}, see {@link ChainHeader}). Enable it on a producer with
 * {@code interceptor.classes=io.resetflow.schemas.chain.ChainInterceptor}
 * (Spring: {@code spring.kafka.producer.properties.interceptor.classes}).
 *
 * <p>One chain per producer instance and topic: Kafka calls interceptors before the partitioner, so the
 * partition is not known here; {@link ChainVerifier} follows a chain across the partitions of its topic.
 * {@code producerId} is a random UUID per instance, prefixed with {@code client.id} when set, so a restarted
 * service starts a new chain at sequence 0.
 *
 * <p>The hashed value bytes are the bytes the producer writes: a {@code byte[]} value as is, an Avro
 * {@link SpecificRecord} as {@link AvroEventSerializer} encodes it (deterministic), a {@code String} as UTF-8,
 * a null value (tombstone) as no bytes. A record with any other value type is left unstamped ("unchained"),
 * because its serialized bytes cannot be known here.
 *
 * <p>A record that is stamped but then never written (its send failed, or its transaction aborted) leaves a
 * sequence gap that {@link ChainVerifier} reports like a deletion; the producer's own error log explains it.
 * Records sent concurrently from several threads through one producer to one partition may be appended in a
 * different order than they were stamped; the verifier then reports a reorder although nothing was altered
 * (the hashes still match). Services that want a strict order per partition send from one thread.
 */
public class ChainInterceptor implements ProducerInterceptor<Object, Object> {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final Map<String, Link> links = new HashMap<>();
    private volatile String producerId = UUID.randomUUID().toString();

    @Override
    public void configure(Map<String, ?> configs) {
        Object clientId = configs.get(ProducerConfig.CLIENT_ID_CONFIG);
        String prefix = clientId == null ? "" : clientId.toString().trim();
        producerId = (prefix.isEmpty() ? "" : prefix + "-") + UUID.randomUUID();
    }

    /** This instance's chain id. */
    public String producerId() {
        return producerId;
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        byte[] value = valueBytes(record);
        if (value == null && record.value() != null) {
            return record; // unknown value type: its bytes are decided by a serializer we do not know
        }
        synchronized (links) {
            Link link = links.computeIfAbsent(record.topic(), t -> new Link());
            byte[] header = new ChainHeader(producerId, link.nextSequence, link.previousHash).bytes();
            try {
                record.headers().remove(ChainHeader.NAME);
                record.headers().add(ChainHeader.NAME, header);
            } catch (IllegalStateException readOnly) {
                return record; // a record object sent before: left unchained rather than leaving a false gap
            }
            link.nextSequence++;
            link.previousHash = ChainHeader.link(header, value);
        }
        return record;
    }

    private byte[] valueBytes(ProducerRecord<Object, Object> record) {
        Object value = record.value();
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof SpecificRecord event) {
            return serializer.serialize(record.topic(), event);
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // nothing to do: a failed send is logged by the producer and shows as a gap in the chain
    }

    @Override
    public void close() {
        serializer.close();
    }

    private static final class Link {
        long nextSequence;
        String previousHash = ChainHeader.GENESIS;
    }
}
