package io.resetflow.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Groups events into per-request timelines (by correlationId) and prints them as a table, JSON lines or CSV. */
final class Timelines {

    /** Fields every event carries; shown in their own columns, not among the details. */
    static final Set<String> COMMON = Set.of("eventId", "occurredAt", "tenantId", "correlationId", "causationId", "userId");

    record Timeline(String requestId, List<LoggedEvent> events) {
        String tenantId() {
            return events.get(0).tenantId();
        }

        String userId() {
            return events.stream().map(LoggedEvent::userId).filter(u -> u != null).findFirst().orElse(null);
        }

        Instant start() {
            return events.get(0).occurredAt();
        }
    }

    private static final Comparator<LoggedEvent> IN_TIME = Comparator
            .comparing(LoggedEvent::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(e -> flowIndex(e.topic()))
            .thenComparingInt(LoggedEvent::partition)
            .thenComparingLong(LoggedEvent::offset);

    private Timelines() {
    }

    static List<Timeline> group(List<LoggedEvent> events) {
        Map<String, List<LoggedEvent>> byRequest = new LinkedHashMap<>();
        for (LoggedEvent e : events) {
            String request = e.correlationId() == null ? e.eventId() : e.correlationId();
            byRequest.computeIfAbsent(request, k -> new ArrayList<>()).add(e);
        }
        List<Timeline> result = new ArrayList<>(byRequest.size());
        byRequest.forEach((request, list) -> {
            list.sort(IN_TIME);
            result.add(new Timeline(request, list));
        });
        result.sort(Comparator.comparing(Timeline::start, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Timeline::requestId));
        return result;
    }

    private static int flowIndex(String topic) {
        int i = LogOptions.AUDITED_TOPICS.indexOf(topic);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** {@code name=value} for every non-null field outside {@link #COMMON}, in schema order; secrets masked. */
    static String details(LoggedEvent e) {
        StringBuilder out = new StringBuilder();
        for (Schema.Field f : e.event().getSchema().getFields()) {
            if (COMMON.contains(f.name())) {
                continue;
            }
            String value = Fields.text(f.name(), e.event().get(f.pos()));
            if (value != null) {
                out.append(out.length() > 0 ? " " : "").append(f.name()).append('=').append(value);
            }
        }
        return out.toString();
    }

    static void table(List<Timeline> timelines, PrintWriter out) {
        for (Timeline t : timelines) {
            out.println("request " + t.requestId() + "  tenant " + t.tenantId() + "  user "
                    + (t.userId() == null ? "(unknown account)" : t.userId()) + "  " + t.events().size() + " event"
                    + (t.events().size() == 1 ? "" : "s"));
            for (LoggedEvent e : t.events()) {
                out.printf("  %-24s  %-21s  %-36s  %s%n", e.occurredAt(), e.type(), e.eventId(), details(e));
            }
            out.println();
        }
    }

    static void json(List<Timeline> timelines, PrintWriter out) {
        try {
            JsonGenerator json = generator(out);
            for (Timeline t : timelines) {
                json.writeStartObject();
                json.writeStringField("requestId", t.requestId());
                json.writeStringField("tenantId", t.tenantId());
                json.writeStringField("userId", t.userId());
                json.writeArrayFieldStart("events");
                for (LoggedEvent e : t.events()) {
                    event(json, e);
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event as a JSON object: where it is in the log, its type, and every decoded field. */
    static void event(JsonGenerator json, LoggedEvent e) throws IOException {
        json.writeStartObject();
        json.writeStringField("topic", e.topic());
        json.writeNumberField("partition", e.partition());
        json.writeNumberField("offset", e.offset());
        json.writeStringField("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
        json.writeStringField("type", e.type());
        json.writeFieldName("event");
        Fields.record(json, e.event());
        json.writeEndObject();
    }

    static JsonGenerator generator(java.io.Writer out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
        return json;
    }

    static void csv(List<Timeline> timelines, PrintWriter out) {
        out.println("requestId,occurredAt,type,eventId,causationId,tenantId,userId,topic,partition,offset,details");
        for (Timeline t : timelines) {
            for (LoggedEvent e : t.events()) {
                out.println(String.join(",", csv(t.requestId()), csv(String.valueOf(e.occurredAt())), csv(e.type()),
                        csv(e.eventId()), csv(e.causationId()), csv(e.tenantId()), csv(e.userId()), csv(e.topic()),
                        String.valueOf(e.partition()), String.valueOf(e.offset()), csv(details(e))));
            }
        }
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
