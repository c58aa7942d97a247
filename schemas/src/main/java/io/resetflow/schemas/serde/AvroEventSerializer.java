package io.resetflow.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.resetflow.schemas.EventHeaders;

/**
 * Writes any resetflow event in Avro single-object encoding ({@code C3 01}, the writer schema's
 * CRC-64-AVRO fingerprint, then Avro binary) and tags the record with its event type header.
 */
public class AvroEventSerializer implements Serializer<SpecificRecord> {

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(data.getClass(),
                type -> new BinaryMessageEncoder<>(SpecificData.getForClass(type), data.getSchema()));
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("cannot encode " + data.getSchema().getFullName(), e);
        }
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SpecificRecord data) {
        if (data != null) {
            headers.remove(EventHeaders.EVENT_TYPE);
            headers.add(EventHeaders.EVENT_TYPE,
                    data.getSchema().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return serialize(topic, data);
    }
}
