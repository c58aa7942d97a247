package io.resetflow.api.intake;

import java.time.Instant;
import java.util.UUID;

import io.resetflow.api.tenant.Tenant;

/**
 * A decided intake: who asked, for which user (null when no account matched) and where the link
 * should go. The recipient address is plain here and is sealed by the messaging edge.
 * {@code returnToken}: the token goes back to a secret-key caller and nothing is delivered.
 */
public record ResetRequest(
        UUID requestId,
        Instant occurredAt,
        Tenant tenant,
        UUID userId,
        Channel channel,
        String recipientAddress,
        Origin origin,
        boolean returnToken) {

    /** How the link is delivered. */
    public enum Channel { EMAIL, SMS }

    /** Who asked: a portal through the API, support staff, or the user on an expired-link page. */
    public enum Origin { API, ADMIN, PAGE }
}
