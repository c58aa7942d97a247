package io.resetflow.token.issue;

import java.time.Duration;
import java.util.Objects;

import io.resetflow.schemas.seal.SealedValue;

/**
 * A reset request as the issuing decision sees it, with the tenant policy in force when it was made.
 *
 * @param userId null when no account matched
 * @param recipient the delivery address, sealed by api-service (context {@code recipient:{tenantId}}); never opened here
 */
public record ResetRequest(String eventId, String tenantId, String correlationId, String userId, DeliveryChannel channel,
        SealedValue recipient, String maskedRecipient, String linkBaseUrl, Duration tokenTtl, Duration reuseWindow,
        int deliveriesPerUserPerHour) {

    public ResetRequest {
        requireText(eventId, "eventId");
        requireText(tenantId, "tenantId");
        requireText(correlationId, "correlationId");
        requireText(linkBaseUrl, "linkBaseUrl");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(reuseWindow, "reuseWindow");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive, got " + tokenTtl);
        }
        if (reuseWindow.isNegative()) {
            throw new IllegalArgumentException("reuseWindow must not be negative, got " + reuseWindow);
        }
        maskedRecipient = maskedRecipient == null ? "" : maskedRecipient;
    }

    public boolean knownUser() {
        return userId != null;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
