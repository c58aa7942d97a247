package io.resetflow.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code deliveries} table, one row per (ResetLinkIssued eventId, channel). Every statement is committed on its
 * own. Holds the masked address only, never the clear address or link. Parameters are positional: two of these
 * statements run for every email, and named parameters cost more in Spring's parsing and mapping than the
 * statement's own execution in the driver (JFR, issue 9).
 */
@Repository
class DeliveryStore {

    /** The columns {@link #row} reads, by position: every statement that answers rows selects or returns these. */
    private static final String ROW = "id, status, attempts, reason, provider_message_id, updated_at";
    private static final String INSERT_PENDING = """
            insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                    resend, masked_recipient, status, attempts, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
            on conflict (link_issued_event_id, channel) do nothing
            """;
    private static final String SELECT = """
            select %s from deliveries
            where link_issued_event_id = ? and channel = ?
            """.formatted(ROW);
    private static final String START_ATTEMPT = """
            insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                    resend, masked_recipient, status, attempts, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 1, ?, ?)
            on conflict (link_issued_event_id, channel) do update
                set attempts = deliveries.attempts + 1, updated_at = excluded.updated_at
                where deliveries.status not in ('SENT', 'FAILED_PERMANENT', 'THROTTLED')
            returning %s
            """.formatted(ROW);
    private static final String RECORD = """
            update deliveries
            set status = ?, reason = ?, provider_message_id = ?, updated_at = ?,
                sent_at = case when ? then ? else sent_at end
            where id = ?
            returning %s
            """.formatted(ROW);

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING row unless the issuance is known on that channel; returns the row either way. */
    DeliveryRow insertOrGet(LinkDelivery delivery, Instant now) {
        jdbc.sql(INSERT_PENDING)
                .params(newRow(delivery, now))
                .update();
        return jdbc.sql(SELECT)
                .params(delivery.issuanceEventId(), delivery.channel().name())
                .query(DeliveryStore::row)
                .single();
    }

    /**
     * Before a send: inserts the row with its first attempt counted, or counts a new attempt on the known row unless
     * it is final (SENT, FAILED_PERMANENT, THROTTLED), in one statement. Returns the row: with the number of the attempt
     * now started, or, when final, as it was (nothing to send).
     */
    DeliveryRow startAttempt(LinkDelivery delivery, Instant now) {
        Optional<DeliveryRow> started = jdbc.sql(START_ATTEMPT)
                .params(newRow(delivery, now))
                .query(DeliveryStore::row)
                .optional();
        return started.orElseGet(() -> insertOrGet(delivery, now));
    }

    /** Records the result of the current attempt. */
    DeliveryRow record(long id, DeliveryStatus status, String reason, String providerMessageId, Instant now) {
        return jdbc.sql(RECORD)
                .params(status.name(), reason, providerMessageId, utc(now), status == DeliveryStatus.SENT, utc(now), id)
                .query(DeliveryStore::row)
                .single();
    }

    /** The values of a new row, in the order of the insert's columns from {@code link_issued_event_id} to {@code updated_at}. */
    private static Object[] newRow(LinkDelivery delivery, Instant now) {
        OffsetDateTime at = utc(now);
        return new Object[] {delivery.issuanceEventId(), delivery.channel().name(), delivery.tenantId(), delivery.userId(),
                delivery.linkId(), delivery.correlationId(), delivery.resend(), delivery.maskedRecipient(), at, at};
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static DeliveryRow row(ResultSet rs, int rowNum) throws SQLException {
        return new DeliveryRow(
                rs.getLong(1), // in the order of ROW
                DeliveryStatus.valueOf(rs.getString(2)),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }
}
