package io.resetflow.notifier.setpassword;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.notifier.outbound.SecretVault;
import io.resetflow.notifier.outbound.WebhookSecrets;
import io.resetflow.schemas.seal.SealedValue;

/**
 * {@code tenant_webhook_secrets}: one signing secret per tenant for its Set Password Webhook, generated on first use
 * (concurrent first uses agree on one), sealed with context {@code webhook-secret:{tenantId}}.
 */
@Repository
class TenantSecretStore {

    private final JdbcClient jdbc;
    private final SecretVault vault;

    TenantSecretStore(JdbcClient jdbc, SecretVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    String secretOf(String tenantId) {
        String context = "webhook-secret:" + tenantId;
        SealedValue fresh = vault.seal(WebhookSecrets.generate(), context);
        jdbc.sql("""
                insert into tenant_webhook_secrets (tenant_id, key_id, nonce, ciphertext, created_at)
                values (:tenant, :key, :nonce, :ciphertext, :now)
                on conflict (tenant_id) do nothing
                """)
                .param("tenant", tenantId)
                .param("key", fresh.keyId())
                .param("nonce", fresh.nonce())
                .param("ciphertext", fresh.ciphertext())
                .param("now", Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        SealedValue stored = jdbc.sql("select key_id, nonce, ciphertext from tenant_webhook_secrets where tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, n) -> new SealedValue(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")))
                .single();
        return vault.open(stored, context);
    }
}
