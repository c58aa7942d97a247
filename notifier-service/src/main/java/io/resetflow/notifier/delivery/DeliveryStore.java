package io.resetflow.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code deliveries} table, one row per (ResetLinkIssued eventId, channel). Every statement is committed on its
 * own. Holds the masked address only, never the clear address or link.
 */
@Repository
class DeliveryStore {

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING row unless the issuance is known on that channel; returns the row either way. */
    DeliveryRow insertOrGet(LinkDelivery delivery, Instant now) {
        jdbc.sql("""
                insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                        resend, masked_recipient, status, attempts, created_at, updated_at)
                values (:event, :channel, :tenant, :user, :link, :correlation, :resend, :masked, 'PENDING', 0, :now, :now)
                on conflict (link_issued_event_id, channel) do nothing
                """)
                .params(newRow(delivery, now))
                .update();
        return jdbc.sql("""
                select id, status, attempts, reason, provider_message_id, updated_at from deliveries
                where link_issued_event_id = :event and channel = :channel
                """)
                .param("event", delivery.issuanceEventId())
                .param("channel", delivery.channel().name())
                .query(DeliveryStore::row)
                .single();
    }

    /**
     * Before a send: inserts the row with its first attempt counted, or counts a new attempt on the known row unless
     * it is final (SENT, FAILED_PERMANENT, THROTTLED), in one statement. Returns the row: with the number of the attempt
     * now started, or, when final, as it was (nothing to send).
     */
    DeliveryRow startAttempt(LinkDelivery delivery, Instant now) {
        Optional<DeliveryRow> started = jdbc.sql("""
                insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                        resend, masked_recipient, status, attempts, created_at, updated_at)
                values (:event, :channel, :tenant, :user, :link, :correlation, :resend, :masked, 'PENDING', 1, :now, :now)
                on conflict (link_issued_event_id, channel) do update
                    set attempts = deliveries.attempts + 1, updated_at = excluded.updated_at
                    where deliveries.status not in ('SENT', 'FAILED_PERMANENT', 'THROTTLED')
                returning id, status, attempts, reason, provider_message_id, updated_at
                """)
                .params(newRow(delivery, now))
                .query(DeliveryStore::row)
                .optional();
        return started.orElseGet(() -> insertOrGet(delivery, now));
    }

    /** Records the result of the current attempt. */
    DeliveryRow record(long id, DeliveryStatus status, String reason, String providerMessageId, Instant now) {
        return jdbc.sql("""
                update deliveries
                set status = :status, reason = :reason, provider_message_id = :messageId, updated_at = :now,
                    sent_at = case when :status = 'SENT' then :now else sent_at end
                where id = :id
                returning id, status, attempts, reason, provider_message_id, updated_at
                """)
                .param("id", id)
                .param("status", status.name())
                .param("reason", reason)
                .param("messageId", providerMessageId)
                .param("now", utc(now))
                .query(DeliveryStore::row)
                .single();
    }

    /** The named parameters of a new row: {@code :event, :channel, :tenant, :user, :link, :correlation, :resend, :masked, :now}. */
    private static Map<String, Object> newRow(LinkDelivery delivery, Instant now) {
        Map<String, Object> params = new HashMap<>(); // values may be null
        params.put("event", delivery.issuanceEventId());
        params.put("channel", delivery.channel().name());
        params.put("tenant", delivery.tenantId());
        params.put("user", delivery.userId());
        params.put("link", delivery.linkId());
        params.put("correlation", delivery.correlationId());
        params.put("resend", delivery.resend());
        params.put("masked", delivery.maskedRecipient());
        params.put("now", utc(now));
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static DeliveryRow row(ResultSet rs, int rowNum) throws SQLException {
        return new DeliveryRow(
                rs.getLong("id"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("reason"),
                rs.getString("provider_message_id"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
