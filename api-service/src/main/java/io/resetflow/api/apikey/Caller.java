package io.resetflow.api.apikey;

/** The tenant and key kind an API request was authenticated as. */
public record Caller(String tenantId, ApiKeyKind kind) {
}
