package io.resetflow.api.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.event.TransactionalEventListener;

import io.resetflow.api.tenant.TenantChanged;
import io.resetflow.api.tenant.Tenants;

/**
 * API keys, stored only as SHA-256 hashes (keys are 256-bit random strings, so a fast hash is enough
 * and keeps authentication off the hot path). A tenant may hold several active keys of each kind, so
 * a key can be rotated without downtime, and revoke any of them. Keys ending in {@code _local} are
 * development fixtures, refused unless the local profile allows them. An authenticated key is kept for
 * {@link Tenants#CACHE_TTL} (every request authenticates): revoking it or changing its tenant's rate limit through
 * this instance drops it at once; another api-service instance follows within that time.
 */
@Repository
public class ApiKeys {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ApiKeyProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** When this instance last wrote last_used_at per key: one write a minute, not one per request. */
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();
    /** Valid keys only, by hash (an unknown key is never kept, so guessing cannot fill the map). */
    private final Map<String, Cached> callers = new ConcurrentHashMap<>();

    private record Cached(Caller caller, long expiresAtNanos) {
    }

    ApiKeys(JdbcClient jdbc, ApiKeyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** An API key as listed to its tenant: never the key itself, only its first characters. */
    public record KeyInfo(UUID id, ApiKeyKind kind, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
            OffsetDateTime revokedAt) {
    }

    /** A newly created key: the only time the key is shown. */
    public record IssuedKey(UUID id, ApiKeyKind kind, String key) {
    }

    public Optional<Caller> authenticate(String key) {
        if (key == null || key.isBlank() || key.length() > 200 || (key.endsWith("_local") && !properties.allowLocalKeys())) {
            return Optional.empty();
        }
        String hash = hash(key);
        Cached cached = callers.get(hash);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            touch(cached.caller().keyId());
            return Optional.of(cached.caller());
        }
        Optional<Caller> caller = jdbc.sql("""
                        select k.id, k.tenant_id, k.kind, t.rate_limit_requests, t.rate_limit_window_seconds
                        from api_keys k join tenants t on t.id = k.tenant_id
                        where k.key_hash = ? and k.revoked_at is null""")
                .param(hash)
                .query((rs, n) -> new Caller(rs.getString("tenant_id"), ApiKeyKind.valueOf(rs.getString("kind")),
                        rs.getObject("id", UUID.class), rs.getInt("rate_limit_requests"),
                        Duration.ofSeconds(rs.getInt("rate_limit_window_seconds"))))
                .optional();
        caller.ifPresentOrElse(c -> callers.put(hash, new Cached(c, now + Tenants.CACHE_TTL.toNanos())),
                () -> callers.remove(hash));
        caller.ifPresent(c -> touch(c.keyId()));
        return caller;
    }

    public IssuedKey create(String tenantId, ApiKeyKind kind) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = (kind == ApiKeyKind.SECRET ? "rf_sec_" : "rf_pub_") + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(insert(tenantId, kind, key), kind, key);
    }

    public List<KeyInfo> list(String tenantId) {
        return jdbc.sql("""
                        select id, kind, key_prefix, created_at, last_used_at, revoked_at from api_keys
                        where tenant_id = ? order by created_at""")
                .param(tenantId)
                .query((rs, n) -> new KeyInfo(rs.getObject("id", UUID.class), ApiKeyKind.valueOf(rs.getString("kind")),
                        rs.getString("key_prefix"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class)))
                .list();
    }

    /** @return false when the tenant has no such key */
    public boolean revoke(String tenantId, UUID keyId) {
        boolean known = jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where tenant_id = ? and id = ?")
                .params(OffsetDateTime.now(clock), tenantId, keyId).update() == 1;
        callers.values().removeIf(c -> c.caller().keyId().equals(keyId)); // after the (auto-committed) update
        return known;
    }

    /** The tenant's rate limit is part of each kept caller. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantChanged changed) {
        callers.values().removeIf(c -> c.caller().tenantId().equals(changed.tenantId()));
    }

    /** Registers a known key unless it exists (fixtures and bootstrap). */
    public void registerIfMissing(String tenantId, ApiKeyKind kind, String key) {
        if (jdbc.sql("select count(*) from api_keys where key_hash = ?").param(hash(key)).query(Integer.class).single() == 0) {
            insert(tenantId, kind, key);
        }
    }

    private UUID insert(String tenantId, ApiKeyKind kind, String key) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_keys (id, tenant_id, kind, key_hash, key_prefix, created_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (key_hash) do nothing""")
                .params(id, tenantId, kind.name(), hash(key), key.substring(0, Math.min(10, key.length())),
                        OffsetDateTime.now(clock))
                .update();
        return id;
    }

    private void touch(UUID keyId) {
        Instant now = clock.instant();
        Instant last = lastTouched.get(keyId);
        if (last == null || last.plus(LAST_USED_RESOLUTION).isBefore(now)) {
            lastTouched.put(keyId, now);
            jdbc.sql("update api_keys set last_used_at = ? where id = ?").params(OffsetDateTime.now(clock), keyId).update();
        }
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
