package io.resetflow.api.apikey;

import java.time.Duration;
import java.util.UUID;

/** The tenant, key and kind an API request was authenticated as, with the tenant's rate limit. */
public record Caller(String tenantId, ApiKeyKind kind, UUID keyId, int rateLimit, Duration rateWindow) {
}
