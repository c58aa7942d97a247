package io.resetflow.token.issue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.resetflow.schemas.seal.SealedValue;

/**
 * Domain event: a reset link is to be delivered, newly minted or re-sent. Secrets travel sealed only.
 *
 * @param causationId the eventId of the ResetRequested that led here
 * @param link the reset URL sealed with the event key ring, context {@code link:{tenantId}}
 */
public record LinkIssued(String eventId, Instant occurredAt, String tenantId, String correlationId, String causationId,
        String userId, UUID linkId, boolean resend, Instant issuedAt, Instant expiresAt, DeliveryChannel channel,
        SealedValue recipient, String maskedRecipient, SealedValue link) {

    public LinkIssued {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(link, "link");
    }
}
