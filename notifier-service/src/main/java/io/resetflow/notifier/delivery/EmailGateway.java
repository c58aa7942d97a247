package io.resetflow.notifier.delivery;

import java.time.Instant;

/**
 * Sends the reset email (and the "your password was changed" notice) with the tenant's sender, in the user's
 * language; implemented by the {@code email} feature. Never throws for a send failure.
 */
public interface EmailGateway {

    SendResult sendResetLink(String tenantId, Secret address, Secret link, Instant expiresAt, String locale);

    SendResult sendPasswordChanged(String tenantId, Secret address, Instant changedAt, String locale);
}
