package io.resetflow.notifier.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * Values notifier-service produces: Avro events (DeliveryOutcome, or a dead-lettered record that decoded), and
 * the original bytes of a dead-lettered record that did not deserialize. Public because Kafka instantiates it.
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
