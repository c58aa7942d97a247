package io.resetflow.api.timeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores and reads the per-request projection of the event log; recording the same event twice is harmless. */
@Service
public class Timeline {

    /** Rows per insert statement (PostgreSQL takes at most 32,767 parameters in one statement). */
    static final int ROWS_PER_INSERT = 500;

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Timeline(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One multi-row insert per {@link #ROWS_PER_INSERT} entries; events already recorded are left as they are. */
    public void recordAll(List<TimelineEntry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<TimelineEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder(
                    "insert into timeline_entries (event_id, tenant_id, request_id, user_id, event_type, occurred_at, details) values ");
            List<Object> params = new ArrayList<>(chunk.size() * 7);
            for (TimelineEntry entry : chunk) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                params.add(entry.eventId());
                params.add(entry.tenantId());
                params.add(entry.requestId());
                params.add(entry.userId());
                params.add(entry.type());
                params.add(OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
                params.add(json.writeValueAsString(entry.details()));
            }
            sql.append(" on conflict (event_id) do nothing");
            jdbc.sql(sql.toString()).params(params).update();
        }
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
