package io.resetflow.token.issue;

import java.time.Duration;
import java.util.Objects;

import io.resetflow.schemas.seal.SealedValue;

/**
 * A reset request as the issuing decision sees it, with the tenant policy in force when it was made.
 *
 * @param userId null when no account matched
 * @param recipient the delivery address, sealed by api-service (context {@code recipient:{tenantId}}); never opened here
 * @param deliveriesPerUserPerHour the per-user delivery throttle; zero or less switches it off
 * @param returnToken a secret-key caller takes the token back: decided as usual, but nothing is delivered
 */
public record ResetRequest(String eventId, String tenantId, String correlationId, String userId, DeliveryChannel channel,
        SealedValue recipient, String maskedRecipient, String linkBaseUrl, Duration tokenTtl, Duration reuseWindow,
        int deliveriesPerUserPerHour, boolean returnToken) {

    /** A request whose link is delivered (not returned to the caller). */
    public ResetRequest(String eventId, String tenantId, String correlationId, String userId, DeliveryChannel channel,
            SealedValue recipient, String maskedRecipient, String linkBaseUrl, Duration tokenTtl, Duration reuseWindow,
            int deliveriesPerUserPerHour) {
        this(eventId, tenantId, correlationId, userId, channel, recipient, maskedRecipient, linkBaseUrl, tokenTtl,
                reuseWindow, deliveriesPerUserPerHour, false);
    }

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

    /** The channel the link goes out on: NONE when it is returned to the caller instead of delivered. */
    public DeliveryChannel effectiveChannel() {
        return returnToken ? DeliveryChannel.NONE : channel;
    }

    /** True when deciding for this request sends something to the user (and so counts against the throttle). */
    public boolean delivers() {
        return effectiveChannel() != DeliveryChannel.NONE;
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
