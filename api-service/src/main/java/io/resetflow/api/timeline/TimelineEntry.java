package io.resetflow.api.timeline;

import java.time.Instant;
import java.util.Map;

/** One step of a reset request as the event log recorded it; details hold no secret, only masked values. */
public record TimelineEntry(String eventId, String tenantId, String requestId, String userId, String type, Instant occurredAt,
        Map<String, Object> details) {
}
