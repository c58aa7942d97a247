package io.resetflow.notifier.delivery;

import java.time.Instant;

/** Sends the reset email; implemented by the {@code email} feature. Never throws for a send failure. */
public interface EmailGateway {

    SendResult sendResetLink(Secret address, Secret link, Instant expiresAt);
}
