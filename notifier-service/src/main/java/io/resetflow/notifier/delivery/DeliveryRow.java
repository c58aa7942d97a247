package io.resetflow.notifier.delivery;

import java.time.Instant;

/**
 * A row of {@code deliveries}: what the notifier knows about one issuance on one channel. {@code outcomePending}: its
 * last attempt failed temporarily and that attempt's outcome is not known to be on the log.
 */
record DeliveryRow(long id, DeliveryStatus status, int attempts, String reason, String providerMessageId,
        Instant updatedAt, boolean outcomePending) {
}
