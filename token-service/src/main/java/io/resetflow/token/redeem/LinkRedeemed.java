package io.resetflow.token.redeem;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Domain event: a reset link was used; its token is spent.
 *
 * @param correlationId the request that issued the link
 * @param causationId the eventId of the ResetLinkIssued that first carried the link
 * @param via PAGE or CONFIRM_API
 */
public record LinkRedeemed(String eventId, Instant occurredAt, String tenantId, String correlationId,
        String causationId, String userId, UUID linkId, Instant issuedAt, Instant expiresAt, String via) {

    public LinkRedeemed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(linkId, "linkId");
    }
}
