-- The Set Password Webhook signing secret a tenant's settings carry (TenantSettingsChanged.webhookSigningSecret),
-- kept exactly as sealed in the event (context webhook-secret:{tenantId}); null: the notifier's own secret is used.
alter table tenant_settings add column signing_key_id     text;
alter table tenant_settings add column signing_nonce      bytea;
alter table tenant_settings add column signing_ciphertext bytea;
