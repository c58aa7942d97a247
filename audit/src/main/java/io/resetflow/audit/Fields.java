package io.resetflow.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.core.JsonGenerator;

/** Renders decoded Avro values for people and tools: sealed values by key id only, strings redacted. */
final class Fields {

    static final String SEALED = "Sealed";

    private Fields() {
    }

    static boolean isSealed(Object value) {
        return value instanceof IndexedRecord r && SEALED.equals(r.getSchema().getName());
    }

    static String sealedKeyId(IndexedRecord sealed) {
        Schema.Field keyId = sealed.getSchema().getField("keyId");
        return keyId == null ? "?" : String.valueOf(sealed.get(keyId.pos()));
    }

    /** Calls {@code visitor} with every string inside {@code value} (recursively), with the field name holding it. */
    static void strings(String field, Object value, BiConsumer<String, String> visitor) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence text) {
            visitor.accept(field, text.toString());
        } else if (value instanceof IndexedRecord record) {
            for (Schema.Field f : record.getSchema().getFields()) {
                strings(f.name(), record.get(f.pos()), visitor);
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> strings(field, item, visitor));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings(field, v, visitor));
        }
    }

    /** Human form of one value: sealed as {@code sealed(keyId)}, bytes as base64, strings redacted. */
    static String text(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (isSealed(value)) {
            return "sealed(" + sealedKeyId((IndexedRecord) value) + ")";
        }
        if (value instanceof CharSequence s) {
            return Secrets.redact(field, s.toString());
        }
        if (value instanceof ByteBuffer bytes) {
            return base64(bytes);
        }
        if (value instanceof IndexedRecord record) {
            StringBuilder out = new StringBuilder("{");
            for (Schema.Field f : record.getSchema().getFields()) {
                String v = text(f.name(), record.get(f.pos()));
                if (v != null) {
                    out.append(out.length() > 1 ? ", " : "").append(f.name()).append('=').append(v);
                }
            }
            return out.append('}').toString();
        }
        if (value instanceof Collection<?> items) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : items) {
                out.append(out.length() > 1 ? ", " : "").append(text(field, item));
            }
            return out.append(']').toString();
        }
        return value.toString();
    }

    /** JSON form: sealed as {@code {"keyId": ...}} only, bytes base64, timestamps ISO-8601, strings redacted. */
    static void json(JsonGenerator json, String field, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (isSealed(value)) {
            json.writeStartObject();
            json.writeStringField("keyId", sealedKeyId((IndexedRecord) value));
            json.writeEndObject();
        } else if (value instanceof CharSequence s) {
            json.writeString(Secrets.redact(field, s.toString()));
        } else if (value instanceof ByteBuffer bytes) {
            json.writeString(base64(bytes));
        } else if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof IndexedRecord record) {
            record(json, record);
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                json(json, field, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                json(json, field, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof GenericContainer || value instanceof Enum<?>) {
            json.writeString(value.toString());
        } else {
            json.writeString(value.toString());
        }
    }

    /** All fields of a record as a JSON object. */
    static void record(JsonGenerator json, IndexedRecord record) throws IOException {
        json.writeStartObject();
        for (Schema.Field f : record.getSchema().getFields()) {
            json.writeFieldName(f.name());
            json(json, f.name(), record.get(f.pos()));
        }
        json.writeEndObject();
    }

    private static String base64(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
