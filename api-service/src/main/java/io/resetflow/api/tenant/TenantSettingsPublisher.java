package io.resetflow.api.tenant;

/** Outbound port: publishes a tenant's complete settings after a change (compacted topic). */
public interface TenantSettingsPublisher {

    void publish(Tenant tenant, String changedBy);
}
