package io.resetflow.notifier.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.resetflow.schemas.seal.SealedValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tenant_settings} table: one row per tenant, the latest settings by (occurredAt, eventId). */
@Repository
class TenantSettingsStore {

    private final JdbcClient jdbc;

    TenantSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean upsertIfNewer(TenantSettings s) {
        return jdbc.sql("""
                insert into tenant_settings (tenant_id, event_id, occurred_at, set_password_webhook_url, sender_name,
                        sender_address, sms_allowed_country_codes, sms_daily_cap_per_number, signing_key_id, signing_nonce, signing_ciphertext,
                        updated_at)
                values (:tenant, :event, :occurred, :webhook, :senderName, :senderAddress, :codes, :cap, :signKey,
                        :signNonce, :signCiphertext, now())
                on conflict (tenant_id) do update set
                    event_id = excluded.event_id, occurred_at = excluded.occurred_at,
                    set_password_webhook_url = excluded.set_password_webhook_url,
                    sender_name = excluded.sender_name, sender_address = excluded.sender_address,
                    sms_allowed_country_codes = excluded.sms_allowed_country_codes,
                    sms_daily_cap_per_number = excluded.sms_daily_cap_per_number,
                    signing_key_id = excluded.signing_key_id, signing_nonce = excluded.signing_nonce,
                    signing_ciphertext = excluded.signing_ciphertext, updated_at = now()
                where (tenant_settings.occurred_at, tenant_settings.event_id) < (excluded.occurred_at, excluded.event_id)
                """)
                .param("tenant", s.tenantId())
                .param("event", s.eventId())
                .param("occurred", s.occurredAt().atOffset(ZoneOffset.UTC))
                .param("webhook", s.setPasswordWebhookUrl())
                .param("senderName", s.senderName())
                .param("senderAddress", s.senderAddress())
                .param("codes", String.join(",", s.smsAllowedCountryCodes()))
                .param("cap", s.smsDailyCapPerNumber())
                .param("signKey", s.signingSecret().map(SealedValue::keyId).orElse(null))
                .param("signNonce", s.signingSecret().map(SealedValue::nonce).orElse(null))
                .param("signCiphertext", s.signingSecret().map(SealedValue::ciphertext).orElse(null))
                .update() == 1;
    }

    Optional<TenantSettings> find(String tenantId) {
        return jdbc.sql("select * from tenant_settings where tenant_id = :tenant")
                .param("tenant", tenantId)
                .query(TenantSettingsStore::row)
                .optional();
    }

    private static TenantSettings row(ResultSet rs, int rowNum) throws SQLException {
        String codes = rs.getString("sms_allowed_country_codes");
        List<String> list = codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
        Instant occurred = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
        return new TenantSettings(rs.getString("tenant_id"), rs.getString("event_id"), occurred,
                rs.getString("set_password_webhook_url"), rs.getString("sender_name"), rs.getString("sender_address"),
                list, rs.getInt("sms_daily_cap_per_number"), rs.getString("signing_key_id") == null ? null
                        : new SealedValue(rs.getString("signing_key_id"), rs.getBytes("signing_nonce"),
                                rs.getBytes("signing_ciphertext")));
    }
}
