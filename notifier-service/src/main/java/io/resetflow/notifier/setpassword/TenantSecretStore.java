package io.resetflow.notifier.setpassword;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.notifier.outbound.SecretVault;
import io.resetflow.notifier.outbound.WebhookSecrets;
import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;
import io.resetflow.schemas.seal.SealedValue;

/**
 * The signing secret of a tenant's Set Password Webhook: the one its settings carry
 * ({@code TenantSettingsChanged.webhookSigningSecret}, sealed with context {@code webhook-secret:{tenantId}}) when
 * set; else the notifier's own in {@code tenant_webhook_secrets}, generated on first use (concurrent first uses agree
 * on one), sealed with the same context. A settings secret that does not open is not used (warned, own secret).
 */
@Repository
class TenantSecretStore {

    private final JdbcClient jdbc;
    private final SecretVault vault;

    private static final Logger log = LoggerFactory.getLogger(TenantSecretStore.class);

    private final Tenants tenants;

    TenantSecretStore(JdbcClient jdbc, SecretVault vault, Tenants tenants) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.tenants = tenants;
    }

    String secretOf(String tenantId) {
        String context = "webhook-secret:" + tenantId;
        Optional<SealedValue> configured = tenants.find(tenantId).flatMap(TenantSettings::signingSecret);
        if (configured.isPresent()) {
            try {
                return vault.open(configured.get(), context);
            } catch (RuntimeException e) {
                log.warn("tenant {}: the webhookSigningSecret of its settings does not open ({}); signing with the "
                        + "notifier's own secret", tenantId, e.getClass().getSimpleName());
            }
        }
        return ownSecretOf(tenantId, context);
    }

    private String ownSecretOf(String tenantId, String context) {
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
