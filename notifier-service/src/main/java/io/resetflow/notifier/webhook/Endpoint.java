package io.resetflow.notifier.webhook;

import java.time.Instant;
import java.util.List;

/** A partner endpoint as listed (no secret). */
record Endpoint(String id, String tenantId, String url, List<String> eventTypes, boolean enabled, Instant createdAt) {
}
