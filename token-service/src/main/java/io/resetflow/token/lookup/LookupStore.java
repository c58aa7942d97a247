package io.resetflow.token.lookup;

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

/** Read-only queries on processed_events and reset_tokens, always within one tenant. */
@Repository
class LookupStore {

    /** A stored link: its ids, times and sealed token copy. */
    /** {@code requestId} and {@code issuedEventId} are null for links stored before they were recorded. */
    record StoredLink(UUID linkId, String userId, Instant issuedAt, Instant expiresAt, SealedValue sealedCopy,
            String linkBaseUrl, String requestId, String issuedEventId) {
    }

    /** The decision on one request, with the link it issued or re-sent (null otherwise). */
    record DecisionRow(String decision, String userId, StoredLink link) {
    }

    private final JdbcClient jdbc;

    LookupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first decision taken on the request (its ResetRequested's correlationId, or eventId) in this tenant. */
    Optional<DecisionRow> decision(String tenantId, String requestId) {
        return jdbc.sql("""
                select p.decision, p.user_id, t.link_id, t.issued_at, t.expires_at, t.sealed_key_id, t.sealed_nonce,
                       t.sealed_ciphertext, t.link_base_url, t.request_id, t.issued_event_id
                from processed_events p
                left join reset_tokens t on t.link_id = p.link_id and t.tenant_id = p.tenant_id
                where p.tenant_id = ? and (p.correlation_id = ? or p.event_id = ?) and p.decision is not null
                order by p.processed_at, p.event_id limit 1""")
                .params(tenantId, requestId, requestId)
                .query((rs, n) -> new DecisionRow(rs.getString("decision"), rs.getString("user_id"),
                        rs.getObject("link_id") == null ? null : link(rs, rs.getString("user_id"))))
                .optional();
    }

    /** The user's newest link that is not used, replaced or expired at {@code now}. */
    Optional<StoredLink> latestLive(String tenantId, String userId, Instant now) {
        return jdbc.sql("""
                select link_id, issued_at, expires_at, sealed_key_id, sealed_nonce, sealed_ciphertext, link_base_url,
                       request_id, issued_event_id
                from reset_tokens
                where tenant_id = ? and user_id = ? and used_at is null and replaced_at is null and expires_at > ?
                order by issued_at desc, link_id limit 1""")
                .params(tenantId, userId, now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> link(rs, userId)).optional();
    }

    private static StoredLink link(ResultSet rs, String userId) throws SQLException {
        return new StoredLink(rs.getObject("link_id", UUID.class), userId, instant(rs, "issued_at"),
                instant(rs, "expires_at"), new SealedValue(rs.getString("sealed_key_id"), rs.getBytes("sealed_nonce"),
                        rs.getBytes("sealed_ciphertext")), rs.getString("link_base_url"), rs.getString("request_id"),
                rs.getString("issued_event_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
