package io.resetflow.notifier.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A partner endpoint as listed (no secret). {@code failingSince}: first failure since the last success (null while
 * healthy); {@code disabledAt}, {@code disabledReason}, {@code disabledNotice}: set while auto-disabled.
 */
record Endpoint(String id, String tenantId, String url, List<String> eventTypes, boolean enabled, Instant createdAt,
        Instant failingSince, Instant disabledAt, String disabledReason, String disabledNotice) {

    Endpoint(String id, String tenantId, String url, List<String> eventTypes, Instant createdAt) {
        this(id, tenantId, url, eventTypes, true, createdAt, null, null, null, null);
    }
}
