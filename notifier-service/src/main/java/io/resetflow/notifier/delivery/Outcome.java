package io.resetflow.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of one delivery attempt, as published (DeliveryOutcome). {@code causationId} is the ResetLinkIssued
 * eventId; {@code eventId} is derived from it, the channel and the attempt, so a re-publish is the same event.
 */
public record Outcome(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String correlationId,
        String causationId,
        String userId,
        String linkId,
        DeliveryChannel channel,
        String maskedRecipient,
        DeliveryStatus status,
        int attempt,
        String reason,
        String providerMessageId) {

    public Outcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(status, "status");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
    }

    /** The eventId of attempt {@code attempt} to deliver issuance {@code issuanceEventId} on {@code channel}. */
    public static String eventIdOf(String issuanceEventId, DeliveryChannel channel, int attempt) {
        String name = "delivery-outcome|" + issuanceEventId + "|" + channel.name() + "|" + attempt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The eventId of the note that the delivery was dead-lettered after attempt {@code attempt}. */
    public static String deadLetteredEventIdOf(String issuanceEventId, DeliveryChannel channel, int attempt) {
        String name = "delivery-outcome|" + issuanceEventId + "|" + channel.name() + "|" + attempt + "|DEAD_LETTERED";
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
