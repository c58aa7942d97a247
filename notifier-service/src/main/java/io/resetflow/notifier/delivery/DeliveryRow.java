package io.resetflow.notifier.delivery;

import java.time.Instant;

/** A row of {@code deliveries}: what the notifier knows about one issuance on one channel. */
record DeliveryRow(long id, DeliveryStatus status, int attempts, String reason, String providerMessageId,
        Instant updatedAt) {
}
