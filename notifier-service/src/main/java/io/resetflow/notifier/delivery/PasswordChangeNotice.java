package io.resetflow.notifier.delivery;

import java.time.Instant;

/** A PasswordChanged to tell the user about; {@code address} null when the event carried none. */
public record PasswordChangeNotice(String eventId, String tenantId, String userId, Instant changedAt, Secret address,
        String maskedRecipient, String locale) {
}
