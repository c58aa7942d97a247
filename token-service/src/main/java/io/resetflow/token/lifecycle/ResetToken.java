package io.resetflow.token.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored reset token without its secret: who it is for and what happened to it.
 *
 * @param linkId stable id of the token (not the token), the same on every re-send of its link
 */
public record ResetToken(UUID linkId, String tenantId, String userId, Instant issuedAt, Instant expiresAt,
        Instant usedAt, Instant replacedAt) {

    public ResetToken {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Used wins over replaced, replaced over expired: the user hears the most specific reason. */
    public TokenStatus status(Instant now) {
        if (usedAt != null) {
            return TokenStatus.USED;
        }
        if (replacedAt != null) {
            return TokenStatus.REPLACED;
        }
        if (!expiresAt.isAfter(now)) {
            return TokenStatus.EXPIRED;
        }
        return TokenStatus.VALID;
    }

    public boolean isLive(Instant now) {
        return status(now) == TokenStatus.VALID;
    }
}
