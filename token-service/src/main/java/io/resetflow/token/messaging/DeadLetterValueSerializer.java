package io.resetflow.token.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * Values of dead letters: the original bytes of a record that did not deserialize, or the Avro encoding of
 * a record that decoded but could not be handled.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

    private final AvroEventSerializer avro = new AvroEventSerializer();

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof SpecificRecord record) {
            return avro.serialize(topic, record);
        }
        throw new SerializationException("cannot dead-letter a " + data.getClass().getName());
    }
}
