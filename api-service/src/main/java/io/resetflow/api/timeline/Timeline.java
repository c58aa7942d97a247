package io.resetflow.api.timeline;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores and reads the per-request projection of the event log; recording the same event twice is harmless. */
@Service
public class Timeline {

    /**
     * The entries travel as one array per column through {@code unnest}, so the statement's text is the same whatever
     * the batch's size: the driver prepares it once on the server instead of planning a new multi-row VALUES text per
     * poll (one row of parameters per entry, a text per batch size).
     */
    private static final String INSERT_ALL = """
            insert into timeline_entries (event_id, tenant_id, request_id, user_id, event_type, occurred_at, details)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
            on conflict (event_id) do nothing""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Timeline(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One insert for all {@code entries}; events already recorded (or twice in the list) are kept once. */
    public void recordAll(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT_ALL)
                .params(column(entries, TimelineEntry::eventId), column(entries, TimelineEntry::tenantId),
                        column(entries, TimelineEntry::requestId), column(entries, TimelineEntry::userId),
                        column(entries, TimelineEntry::type),
                        column(entries, entry -> entry.occurredAt().toString()), // ISO-8601 in UTC, timestamptz's input
                        column(entries, entry -> json.writeValueAsString(entry.details())))
                .update();
    }

    /** One column of {@code entries} as an array, bound as an SQL array for {@code unnest}. */
    private static String[] column(List<TimelineEntry> entries, Function<TimelineEntry, String> value) {
        return entries.stream().map(value).toArray(String[]::new);
    }

    public List<TimelineEntry> of(String tenantId, String requestId) {
        return jdbc.sql("""
                        select event_id, tenant_id, request_id, user_id, event_type, occurred_at, details from timeline_entries
                        where tenant_id = ? and request_id = ? order by occurred_at, event_id""")
                .params(tenantId, requestId)
                .query(this::entry)
                .list();
    }

    /** A user's history across requests, newest first: what support staff read when "the email never arrived". */
    public List<TimelineEntry> ofUser(String tenantId, String userId, int limit) {
        return jdbc.sql("""
                        select event_id, tenant_id, request_id, user_id, event_type, occurred_at, details from timeline_entries
                        where tenant_id = ? and user_id = ? order by occurred_at desc, event_id limit ?""")
                .params(tenantId, userId, limit)
                .query(this::entry)
                .list();
    }

    private TimelineEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TimelineEntry(rs.getString("event_id"), rs.getString("tenant_id"), rs.getString("request_id"),
                rs.getString("user_id"), rs.getString("event_type"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                json.readValue(rs.getString("details"), DETAILS));
    }
}
