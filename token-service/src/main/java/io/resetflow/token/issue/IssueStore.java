package io.resetflow.token.issue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.token.lifecycle.ResetToken;

/** The issuing side's tables: processed events and reset tokens. Callers hold the transaction. */
@Repository
class IssueStore {

    /** A token row with its sealed copy, which only the re-send path opens. */
    record StoredToken(ResetToken token, SealedValue sealedCopy) {
    }

    private final JdbcClient jdbc;

    IssueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the eventId was processed before (or is being processed by a transaction that commits) */
    boolean claim(String eventId, String tenantId, String correlationId, String userId, Instant now) {
        return jdbc.sql("""
                insert into processed_events (event_id, tenant_id, correlation_id, user_id, processed_at)
                values (?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""")
                .params(eventId, tenantId, correlationId, userId, at(now)).update() == 1;
    }

    /**
     * {@link #claim}, then the user's lock ({@code pg_advisory_xact_lock}), in one round trip. The lock serialises
     * decisions for one user across instances until the transaction ends; the statements after this one take their
     * snapshots once it is held, so they see every decision for the user that committed before.
     */
    boolean claimAndLock(String eventId, String tenantId, String correlationId, String userId, Instant now) {
        return jdbc.sql("""
                with claimed as (
                    insert into processed_events (event_id, tenant_id, correlation_id, user_id, processed_at)
                    values (?, ?, ?, ?, ?)
                    on conflict (event_id) do nothing
                    returning 1)
                select (select count(*) from claimed) as claimed, pg_advisory_xact_lock(hashtextextended(?, 0))""")
                .params(eventId, tenantId, correlationId, userId, at(now), tenantId + ":" + userId)
                .query((rs, n) -> rs.getInt("claimed") == 1).single();
    }

    /** @param channel the channel the link went out on (NONE when returned to the caller), null when none went out */
    void recordDecision(String eventId, DecisionKind decision, UUID linkId, DeliveryChannel channel) {
        jdbc.sql("update processed_events set decision = ?, link_id = ?, channel = ? where event_id = ?")
                .params(decision.name(), linkId, channel == null ? null : channel.name(), eventId).update();
    }

    /**
     * The user's latest token (if any) and the deliveries to the user decided after {@code since}: issued or re-sent
     * links on a real channel (not NONE). Called under the user's lock, so concurrent decisions count each other.
     */
    record UserState(Optional<StoredToken> latest, int deliveriesInWindow) {
    }

    UserState state(String tenantId, String userId, Instant since) {
        return jdbc.sql("""
                select t.*,
                       (select count(*) from processed_events
                        where tenant_id = ? and user_id = ? and processed_at > ?
                          and decision in ('ISSUED', 'REUSED') and channel is not null and channel <> 'NONE') as deliveries
                from (select 1) as one
                left join lateral (
                    select link_id, tenant_id, user_id, issued_at, expires_at, used_at, replaced_at,
                           sealed_key_id, sealed_nonce, sealed_ciphertext
                    from reset_tokens where tenant_id = ? and user_id = ?
                    order by issued_at desc, link_id limit 1) as t on true""")
                .params(tenantId, userId, at(since), tenantId, userId)
                .query((rs, n) -> new UserState(rs.getObject("link_id") == null ? Optional.empty()
                        : Optional.of(storedToken(rs, n)), rs.getInt("deliveries")))
                .single();
    }

    /**
     * Marks every live token of the user replaced and inserts the new one, in one round trip (one snapshot, so the new
     * token is not among the replaced; a data-modifying CTE runs whether or not the query reads it); returns how many
     * were replaced.
     * @param requestId the correlationId of the request that issued the token
     * @param linkBaseUrl the tenant's link base URL in force when it was issued
     * @param issuedEventId the eventId of the ResetLinkIssued that first carries the link
     */
    int replaceLiveAndInsert(ResetToken token, byte[] tokenHash, SealedValue sealedCopy, String requestId,
            String linkBaseUrl, String issuedEventId) {
        return jdbc.sql("""
                with replaced as (
                    update reset_tokens set replaced_at = ?
                    where tenant_id = ? and user_id = ? and used_at is null and replaced_at is null and expires_at > ?
                    returning 1),
                inserted as (
                    insert into reset_tokens (link_id, tenant_id, user_id, token_hash, sealed_key_id, sealed_nonce,
                                              sealed_ciphertext, issued_at, expires_at, request_id, link_base_url,
                                              issued_event_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))
                select count(*) as replaced from replaced""")
                .params(at(token.issuedAt()), token.tenantId(), token.userId(), at(token.issuedAt()),
                        token.linkId(), token.tenantId(), token.userId(), tokenHash, sealedCopy.keyId(),
                        sealedCopy.nonce(), sealedCopy.ciphertext(), at(token.issuedAt()), at(token.expiresAt()),
                        requestId, linkBaseUrl, issuedEventId)
                .query((rs, n) -> rs.getInt("replaced")).single();
    }

    private static StoredToken storedToken(ResultSet rs, int row) throws SQLException {
        ResetToken token = new ResetToken(rs.getObject("link_id", UUID.class), rs.getString("tenant_id"),
                rs.getString("user_id"), instant(rs, "issued_at"), instant(rs, "expires_at"), instant(rs, "used_at"),
                instant(rs, "replaced_at"));
        return new StoredToken(token, new SealedValue(rs.getString("sealed_key_id"), rs.getBytes("sealed_nonce"),
                rs.getBytes("sealed_ciphertext")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
