package io.resetflow.token.redeem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.token.lifecycle.ResetToken;

/** Token lookups and the single-use update, always by SHA-256 of the token (unique index). */
@Repository
class RedeemStore {

    /**
     * Who a token was for, when redeemed.
     *
     * @param issuedEventId the eventId of the ResetLinkIssued that first carried the link (null for links
     *                      issued before it was recorded)
     */
    record Owner(String tenantId, String userId, UUID linkId, String requestId, Instant issuedAt, Instant expiresAt,
            String issuedEventId) {
    }

    /** A stored token and the request that issued it. */
    record Found(ResetToken token, String requestId) {
    }

    private final JdbcClient jdbc;

    RedeemStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Found> find(byte[] tokenHash) {
        return jdbc.sql("""
                select link_id, tenant_id, user_id, issued_at, expires_at, used_at, replaced_at, request_id
                from reset_tokens where token_hash = ?""")
                .param(tokenHash).query((rs, n) -> new Found(token(rs, n), rs.getString("request_id"))).optional();
    }

    /** Atomic single use: of concurrent calls for one token, exactly one gets the owner back. */
    Optional<Owner> markUsed(byte[] tokenHash, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                update reset_tokens set used_at = ?
                where token_hash = ? and used_at is null and replaced_at is null and expires_at > ?
                returning tenant_id, user_id, link_id, request_id, issued_at, expires_at, issued_event_id""")
                .params(at, tokenHash, at)
                .query((rs, n) -> new Owner(rs.getString("tenant_id"), rs.getString("user_id"),
                        rs.getObject("link_id", UUID.class), rs.getString("request_id"), instant(rs, "issued_at"),
                        instant(rs, "expires_at"), rs.getString("issued_event_id"))).optional();
    }

    private static ResetToken token(ResultSet rs, int row) throws SQLException {
        return new ResetToken(rs.getObject("link_id", UUID.class), rs.getString("tenant_id"), rs.getString("user_id"),
                instant(rs, "issued_at"), instant(rs, "expires_at"), instant(rs, "used_at"), instant(rs, "replaced_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
