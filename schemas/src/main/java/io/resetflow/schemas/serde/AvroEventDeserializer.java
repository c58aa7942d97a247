package io.resetflow.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any resetflow event written by any released schema version: looks the writer schema up by
 * fingerprint in {@link SchemaHistory} and resolves it to the current generated class.
 * Anything else (foreign bytes, an unknown fingerprint) is a {@link SerializationException}, which
 * consumers route to the dead-letter topic.
 */
public class AvroEventDeserializer implements Deserializer<SpecificRecord> {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final SchemaHistory history = SchemaHistory.instance();
    private final Map<String, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();
    private final Map<Long, String> namesByFingerprint = new ConcurrentHashMap<>();

    public AvroEventDeserializer() {
        for (Class<? extends SpecificRecord> type : SchemaHistory.EVENT_TYPES) {
            Schema current = SchemaHistory.currentSchema(type);
            namesByFingerprint.put(SchemaHistory.fingerprint(current), current.getFullName());
            history.versions(type).forEach(v -> namesByFingerprint.put(SchemaHistory.fingerprint(v), v.getFullName()));
            decoders.put(current.getFullName(),
                    new BinaryMessageDecoder<>(SpecificData.getForClass(type), current, history.store()));
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != MARKER[0] || data[1] != MARKER[1]) {
            throw new SerializationException("not an Avro single-object encoded resetflow event on " + topic);
        }
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (data[i] & 0xFF); // little-endian per the Avro spec
        }
        String name = namesByFingerprint.get(fingerprint);
        if (name == null) {
            throw new SerializationException("unknown writer schema fingerprint " + Long.toHexString(fingerprint)
                    + " on " + topic + ": not a released resetflow schema");
        }
        try {
            return decoders.get(name).decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + name + " on " + topic + ": " + e.getMessage(), e);
        }
    }
}
