package io.resetflow.notifier.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event partners may subscribe to, already stripped of links, addresses and secrets. {@code eventType} is the
 * event's simple name (e.g. {@code ResetLinkIssued}); {@code data} holds plain JSON values.
 */
public record PartnerEvent(String eventId, String eventType, String tenantId, String userId, Instant occurredAt,
        Map<String, Object> data) {

    public PartnerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }
}
