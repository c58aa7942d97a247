package io.resetflow.notifier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.resetflow.schemas.seal.SealedValue;

/**
 * The settings of one tenant as the notifier uses them: the latest TenantSettingsChanged. {@code eventId} and
 * {@code occurredAt} order the changes; the webhook URL is not a secret but is never logged in full either.
 * {@code webhookSigningSecret} (may be null) is the Set Password Webhook's signing secret, still sealed with context
 * {@code webhook-secret:{tenantId}}.
 */
public record TenantSettings(
        String tenantId,
        String eventId,
        Instant occurredAt,
        String setPasswordWebhookUrl,
        String senderName,
        String senderAddress,
        List<String> smsAllowedCountryCodes,
        int smsDailyCapPerNumber,
        SealedValue webhookSigningSecret) {

    public TenantSettings {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        smsAllowedCountryCodes = smsAllowedCountryCodes == null ? List.of() : List.copyOf(smsAllowedCountryCodes);
    }

    /** Constructor without a signing secret (the notifier then signs with its own per-tenant secret). */
    public TenantSettings(String tenantId, String eventId, Instant occurredAt, String setPasswordWebhookUrl,
            String senderName, String senderAddress, List<String> smsAllowedCountryCodes, int smsDailyCapPerNumber) {
        this(tenantId, eventId, occurredAt, setPasswordWebhookUrl, senderName, senderAddress, smsAllowedCountryCodes,
                smsDailyCapPerNumber, null);
    }

    public Optional<SealedValue> signingSecret() {
        return Optional.ofNullable(webhookSigningSecret);
    }

    @Override
    public String toString() {
        return "TenantSettings[tenantId=" + tenantId + ", eventId=" + eventId + ", occurredAt=" + occurredAt + "]";
    }

    /** The tenant took over delivery (seed 000): the URL the link is POSTed to instead of an email or SMS. */
    public Optional<String> setPasswordWebhook() {
        return blankToEmpty(setPasswordWebhookUrl);
    }

    public Optional<String> sender() {
        return blankToEmpty(senderAddress);
    }

    public Optional<String> senderDisplayName() {
        return blankToEmpty(senderName);
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
