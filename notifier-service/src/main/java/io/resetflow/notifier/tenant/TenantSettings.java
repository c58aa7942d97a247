package io.resetflow.notifier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one tenant as the notifier uses them: the latest TenantSettingsChanged. {@code eventId} and
 * {@code occurredAt} order the changes; the webhook URL is not a secret but is never logged in full either.
 */
public record TenantSettings(
        String tenantId,
        String eventId,
        Instant occurredAt,
        String setPasswordWebhookUrl,
        String senderName,
        String senderAddress,
        List<String> smsAllowedCountryCodes,
        int smsDailyCapPerNumber) {

    public TenantSettings {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        smsAllowedCountryCodes = smsAllowedCountryCodes == null ? List.of() : List.copyOf(smsAllowedCountryCodes);
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
