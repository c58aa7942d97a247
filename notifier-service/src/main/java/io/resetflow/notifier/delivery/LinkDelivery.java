package io.resetflow.notifier.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One issued link to deliver: the command the Kafka edge builds from a ResetLinkIssued, with the address and
 * link already opened. {@code locale} (BCP 47, may be null) picks the message language. {@code issuanceEventId} is the ResetLinkIssued eventId: a re-send of the same link is a
 * new issuance and is delivered again; a redelivery of the same event is not.
 */
public record LinkDelivery(
        String issuanceEventId,
        String tenantId,
        String correlationId,
        String userId,
        String linkId,
        boolean resend,
        Instant expiresAt,
        DeliveryChannel channel,
        Secret recipient,
        String maskedRecipient,
        Secret link,
        String locale) {

    public LinkDelivery {
        requireText(issuanceEventId, "issuanceEventId");
        requireText(tenantId, "tenantId");
        requireText(correlationId, "correlationId");
        requireText(userId, "userId");
        requireText(linkId, "linkId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(maskedRecipient, "maskedRecipient");
        Objects.requireNonNull(link, "link");
    }

    /** The same issuance delivered on another channel (the tenant's Set Password Webhook took it over). */
    public LinkDelivery via(DeliveryChannel other) {
        return new LinkDelivery(issuanceEventId, tenantId, correlationId, userId, linkId, resend, expiresAt, other,
                recipient, maskedRecipient, link, locale);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
