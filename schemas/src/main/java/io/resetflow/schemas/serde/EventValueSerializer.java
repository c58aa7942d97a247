package io.resetflow.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;


/**
 * Kafka value serializer for producers that send both resetflow events and raw bytes: an Avro event is
 * written like {@link AvroEventSerializer} does (with the event-type header when headers are given), a
 * {@code byte[]} as it is (the original bytes of a dead letter that did not deserialize, or an outbox row).
 */
public class EventValueSerializer implements Serializer<Object> {

    private final AvroEventSerializer avro = new AvroEventSerializer();

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof SpecificRecord record) {
            return headers == null ? avro.serialize(topic, record) : avro.serialize(topic, headers, record);
        }
        throw new SerializationException("cannot serialize a " + data.getClass().getName());
    }
}
