package io.resetflow.token.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * Domain event: the per-user delivery throttle stopped this request; nothing was issued or sent.
 *
 * @param causationId the eventId of the throttled ResetRequested
 * @param deliveriesInWindow deliveries already made to the user in the window
 */
public record RequestThrottled(String eventId, Instant occurredAt, String tenantId, String correlationId,
        String causationId, String userId, DeliveryChannel channel, String maskedRecipient, int deliveriesInWindow,
        int limit, long windowSeconds) {

    public RequestThrottled {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
    }
}
