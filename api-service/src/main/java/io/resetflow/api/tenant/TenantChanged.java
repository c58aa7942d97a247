package io.resetflow.api.tenant;

/**
 * Published (as a Spring application event) when a tenant's settings changed; heard after the change committed,
 * so that per-instance copies (tenants, API keys with the tenant's rate limit) are dropped only once the new
 * values can be read.
 */
public record TenantChanged(String tenantId) {
}
