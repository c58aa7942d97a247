package io.resetflow.notifier.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.notifier.outbound.SecretVault;
import io.resetflow.schemas.seal.SealedValue;

/** {@code webhook_endpoints}; secrets sealed with context {@code webhook-endpoint:{id}}, opened only to sign. */
@Repository
class EndpointStore {

    private final JdbcClient jdbc;
    private final SecretVault vault;

    EndpointStore(JdbcClient jdbc, SecretVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    void insert(Endpoint endpoint, String secret) {
        SealedValue sealed = vault.seal(secret, context(endpoint.id()));
        jdbc.sql("""
                insert into webhook_endpoints (id, tenant_id, url, event_types, enabled, key_id, nonce, ciphertext, created_at)
                values (:id, :tenant, :url, :types, true, :key, :nonce, :ciphertext, :created)
                """)
                .param("id", endpoint.id())
                .param("tenant", endpoint.tenantId())
                .param("url", endpoint.url())
                .param("types", endpoint.eventTypes().toArray(new String[0]))
                .param("key", sealed.keyId())
                .param("nonce", sealed.nonce())
                .param("ciphertext", sealed.ciphertext())
                .param("created", utc(endpoint.createdAt()))
                .update();
    }

    List<Endpoint> list(String tenantId) {
        return jdbc.sql("select * from webhook_endpoints where tenant_id = :tenant order by created_at, id")
                .param("tenant", tenantId).query(EndpointStore::row).list();
    }

    /**
     * Of the given tenants, each (tenant, event type) that some enabled endpoint subscribes to, as
     * {@link #subscription} keys: the condition {@link MessageStore#enqueue} queues by, for a whole poll of events in
     * one round trip. Served by {@code webhook_endpoints_by_tenant}.
     */
    Set<String> subscriptions(Collection<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select distinct tenant_id, unnest(event_types) as event_type from webhook_endpoints
                where enabled and tenant_id = any(:tenants)
                """)
                .param("tenants", tenantIds.toArray(new String[0]))
                .query((rs, n) -> subscription(rs.getString("tenant_id"), rs.getString("event_type"))).list());
    }

    static String subscription(String tenantId, String eventType) {
        return tenantId + '\u0000' + eventType;
    }

    Optional<Endpoint> find(String tenantId, String id) {
        return jdbc.sql("select * from webhook_endpoints where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).query(EndpointStore::row).optional();
    }

    Optional<Endpoint> find(String id) {
        return jdbc.sql("select * from webhook_endpoints where id = :id")
                .param("id", id).query(EndpointStore::row).optional();
    }

    boolean delete(String tenantId, String id) {
        return jdbc.sql("delete from webhook_endpoints where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update() == 1;
    }

    /** A failed attempt: starts the failure streak unless one is running. */
    void recordFailure(String id, Instant at) {
        jdbc.sql("update webhook_endpoints set failing_since = coalesce(failing_since, :at) where id = :id")
                .param("at", utc(at)).param("id", id).update();
    }

    /** A successful attempt ends the failure streak. */
    void recordSuccess(String id) {
        jdbc.sql("update webhook_endpoints set failing_since = null where id = :id and failing_since is not null")
                .param("id", id).update();
    }

    /**
     * Disables the endpoint when its failure streak started at or before {@code streakStartedBy}. True only for the
     * one caller (of any instance) that disabled it.
     */
    boolean disableIfFailingSince(String id, Instant streakStartedBy, Instant now, String reason) {
        return jdbc.sql("""
                update webhook_endpoints set enabled = false, disabled_at = :now, disabled_reason = :reason,
                    disabled_notice = null
                where id = :id and enabled and failing_since is not null and failing_since <= :by
                """)
                .param("now", utc(now)).param("reason", reason).param("id", id).param("by", utc(streakStartedBy))
                .update() == 1;
    }

    void recordNotice(String id, String notice) {
        jdbc.sql("update webhook_endpoints set disabled_notice = :notice where id = :id")
                .param("notice", notice).param("id", id).update();
    }

    /** Enables a disabled endpoint with a fresh streak; false when the tenant has no such disabled endpoint. */
    boolean enable(String tenantId, String id) {
        return jdbc.sql("""
                update webhook_endpoints set enabled = true, failing_since = null, disabled_at = null,
                    disabled_reason = null, disabled_notice = null
                where tenant_id = :tenant and id = :id and not enabled
                """)
                .param("tenant", tenantId).param("id", id).update() == 1;
    }

    /** The current secret becomes the previous one, valid until {@code previousValidUntil}. */
    boolean rotate(String tenantId, String id, String newSecret, Instant previousValidUntil) {
        SealedValue sealed = vault.seal(newSecret, context(id));
        return jdbc.sql("""
                update webhook_endpoints set prev_key_id = key_id, prev_nonce = nonce, prev_ciphertext = ciphertext,
                    previous_valid_until = :until, key_id = :key, nonce = :nonce, ciphertext = :ciphertext
                where tenant_id = :tenant and id = :id
                """)
                .param("until", utc(previousValidUntil))
                .param("key", sealed.keyId())
                .param("nonce", sealed.nonce())
                .param("ciphertext", sealed.ciphertext())
                .param("tenant", tenantId)
                .param("id", id)
                .update() == 1;
    }

    /** The secrets to sign with now: the current one, and the previous one while it is still valid. */
    List<String> signingSecrets(String id, Instant now) {
        return jdbc.sql("select * from webhook_endpoints where id = :id").param("id", id).query((rs, n) -> {
            List<String> secrets = new ArrayList<>();
            secrets.add(vault.open(new SealedValue(rs.getString("key_id"), rs.getBytes("nonce"),
                    rs.getBytes("ciphertext")), context(id)));
            OffsetDateTime until = rs.getObject("previous_valid_until", OffsetDateTime.class);
            if (until != null && until.toInstant().isAfter(now) && rs.getString("prev_key_id") != null) {
                secrets.add(vault.open(new SealedValue(rs.getString("prev_key_id"), rs.getBytes("prev_nonce"),
                        rs.getBytes("prev_ciphertext")), context(id)));
            }
            return secrets;
        }).optional().orElse(List.of());
    }

    private static String context(String id) {
        return "webhook-endpoint:" + id;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Endpoint row(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        return new Endpoint(rs.getString("id"), rs.getString("tenant_id"), rs.getString("url"),
                Arrays.asList((String[]) types.getArray()), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), instant(rs, "failing_since"),
                instant(rs, "disabled_at"), rs.getString("disabled_reason"), rs.getString("disabled_notice"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
