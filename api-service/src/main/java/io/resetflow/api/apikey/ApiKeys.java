package io.resetflow.api.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys, stored only as SHA-256 hashes (keys are long random strings, so a fast hash is enough and
 * keeps authentication off the hot path). Keys ending in {@code _local} are development fixtures and
 * are refused unless the local profile allows them.
 */
@Repository
public class ApiKeys {

    private final JdbcClient jdbc;
    private final ApiKeyProperties properties;

    ApiKeys(JdbcClient jdbc, ApiKeyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public Optional<Caller> authenticate(String key) {
        if (key == null || key.isBlank() || (key.endsWith("_local") && !properties.allowLocalKeys())) {
            return Optional.empty();
        }
        return jdbc.sql("select tenant_id, kind from api_keys where key_hash = ? and revoked_at is null")
                .param(hash(key))
                .query((rs, n) -> new Caller(rs.getString("tenant_id"), ApiKeyKind.valueOf(rs.getString("kind"))))
                .optional();
    }

    /** Registers a key unless it exists (used by fixtures and, later, key rotation). */
    public void registerIfMissing(String tenantId, ApiKeyKind kind, String key) {
        jdbc.sql("""
                        insert into api_keys (id, tenant_id, kind, key_hash, key_prefix) values (?, ?, ?, ?, ?)
                        on conflict (key_hash) do nothing""")
                .params(UUID.randomUUID(), tenantId, kind.name(), hash(key), key.substring(0, Math.min(8, key.length())))
                .update();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
