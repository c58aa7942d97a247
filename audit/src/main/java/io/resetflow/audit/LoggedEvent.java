package io.resetflow.audit;

import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** One decoded event and where it sits in the log. */
public record LoggedEvent(String topic, int partition, long offset, long timestamp, SpecificRecord event) {

    /** Simple name of the event type, e.g. {@code ResetRequested}. */
    public String type() {
        return event.getSchema().getName();
    }

    public String eventId() {
        return string("eventId");
    }

    public String tenantId() {
        return string("tenantId");
    }

    public String correlationId() {
        return string("correlationId");
    }

    public String causationId() {
        return string("causationId");
    }

    public String userId() {
        return string("userId");
    }

    public Instant occurredAt() {
        return instant("occurredAt");
    }

    /** {@code topic/partition@offset}. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }

    /** The value of a field, or null when this event's schema has no such field. */
    public Object get(String field) {
        Schema.Field f = event.getSchema().getField(field);
        return f == null ? null : event.get(f.pos());
    }

    public String string(String field) {
        Object value = get(field);
        return value == null ? null : value.toString();
    }

    public Instant instant(String field) {
        Object value = get(field);
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        }
        return null;
    }
}
