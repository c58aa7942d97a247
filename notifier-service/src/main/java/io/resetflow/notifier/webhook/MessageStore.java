package io.resetflow.notifier.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code webhook_messages} (the durable queue, one row per endpoint and event) and {@code webhook_attempts} (the
 * delivery log). Claiming leases a due message ({@code locked_until}) and takes at most one per endpoint, and none of
 * an endpoint that has a leased message: per-endpoint concurrency 1; the lease expires if an instance dies mid-call.
 */
@Repository
class MessageStore {

    /** A claimed message to send. */
    record Due(long pk, String messageId, String endpointId, String eventType, String payload, int attempts,
            int roundAttempts) {
    }

    /** One line of the delivery log. */
    record LogEntry(String messageId, String eventType, int attempt, String status, Integer statusCode, long latencyMs,
            String responseExcerpt, Instant at, Instant nextAttemptAt) {
    }

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the event for every enabled endpoint of the tenant subscribed to its type; a replay adds nothing. */
    int enqueue(PartnerEvent event, String payload, Instant now) {
        return jdbc.sql("""
                insert into webhook_messages (message_id, endpoint_id, event_id, event_type, payload, status,
                                              next_attempt_at, created_at, updated_at)
                select 'msg_' || md5(e.id || '|' || :event), e.id, :event, :type, :payload, 'PENDING', :now, :now, :now
                from webhook_endpoints e
                where e.tenant_id = :tenant and e.enabled and :type = any(e.event_types)
                on conflict (endpoint_id, event_id) do nothing
                """)
                .param("event", event.eventId())
                .param("type", event.eventType())
                .param("payload", payload)
                .param("tenant", event.tenantId())
                .param("now", utc(now))
                .update();
    }

    List<Due> claim(int limit, Instant now, Instant leaseUntil) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                with due as (
                    select distinct on (m.endpoint_id) m.id
                    from webhook_messages m
                    join webhook_endpoints e on e.id = m.endpoint_id and e.enabled
                    where m.status = 'PENDING' and m.next_attempt_at <= :now
                      and (m.locked_until is null or m.locked_until < :now)
                      and not exists (select 1 from webhook_messages o
                                      where o.endpoint_id = m.endpoint_id and o.status = 'PENDING'
                                        and o.locked_until >= :now)
                    order by m.endpoint_id, m.next_attempt_at, m.id
                    limit :limit
                )
                update webhook_messages m set locked_until = :lease
                from due
                where m.id = due.id and (m.locked_until is null or m.locked_until < :now) and m.status = 'PENDING'
                returning m.id, m.message_id, m.endpoint_id, m.event_type, m.payload, m.attempts, m.round_attempts
                """)
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("message_id"), rs.getString("endpoint_id"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getInt("round_attempts")))
                .list();
    }

    /** Records one attempt: the message becomes SUCCEEDED, DEAD, or PENDING again with its next attempt time. */
    void recordAttempt(Due due, String messageStatus, String attemptStatus, Integer statusCode, long latencyMs,
            String excerpt, Instant at, Instant nextAttemptAt) {
        jdbc.sql("""
                update webhook_messages set status = :status, attempts = attempts + 1,
                    round_attempts = round_attempts + 1, next_attempt_at = :next, locked_until = null, updated_at = :at
                where id = :pk
                """)
                .param("status", messageStatus)
                .param("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
                .param("at", utc(at))
                .param("pk", due.pk())
                .update();
        jdbc.sql("""
                insert into webhook_attempts (message_pk, endpoint_id, attempt, status, status_code, latency_ms,
                                              response_excerpt, at, next_attempt_at)
                values (:pk, :endpoint, :attempt, :status, :code, :latency, :excerpt, :at, :next)
                """)
                .param("pk", due.pk())
                .param("endpoint", due.endpointId())
                .param("attempt", due.attempts() + 1)
                .param("status", attemptStatus)
                .param("code", statusCode)
                .param("latency", latencyMs)
                .param("excerpt", excerpt)
                .param("at", utc(at))
                .param("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
                .update();
    }

    List<LogEntry> log(String endpointId, int limit) {
        return jdbc.sql("""
                select m.message_id, m.event_type, a.attempt, a.status, a.status_code, a.latency_ms,
                       a.response_excerpt, a.at, a.next_attempt_at
                from webhook_attempts a join webhook_messages m on m.id = a.message_pk
                where a.endpoint_id = :endpoint
                order by a.at desc, a.id desc
                limit :limit
                """)
                .param("endpoint", endpointId)
                .param("limit", limit)
                .query((rs, n) -> new LogEntry(rs.getString("message_id"), rs.getString("event_type"),
                        rs.getInt("attempt"), rs.getString("status"), (Integer) rs.getObject("status_code"),
                        rs.getLong("latency_ms"), rs.getString("response_excerpt"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getObject("next_attempt_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Queues the message again from the start of the schedule; false when the endpoint has no such message. */
    boolean resend(String endpointId, String messageId, Instant now) {
        return jdbc.sql("""
                update webhook_messages set status = 'PENDING', round_attempts = 0, next_attempt_at = :now,
                    updated_at = :now
                where endpoint_id = :endpoint and message_id = :message
                """)
                .param("now", utc(now))
                .param("endpoint", endpointId)
                .param("message", messageId)
                .update() == 1;
    }

    /** The messages parked while the endpoint was disabled are due now, from the start of the schedule. */
    int unpark(String endpointId, Instant now) {
        return jdbc.sql("""
                update webhook_messages set round_attempts = 0, next_attempt_at = :now, updated_at = :now
                where endpoint_id = :endpoint and status = 'PENDING'
                """)
                .param("now", utc(now))
                .param("endpoint", endpointId)
                .update();
    }

    static String newEndpointId() {
        return "ep_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
