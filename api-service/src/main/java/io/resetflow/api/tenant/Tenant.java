package io.resetflow.api.tenant;

import java.time.Duration;

/** A tenant and the reset policy in force for it; every number is the tenant's own setting. */
public record Tenant(
        String id,
        String name,
        String linkBaseUrl,
        Duration tokenTtl,
        Duration reuseWindow,
        int deliveriesPerUserPerHour,
        boolean revealUnknownAccounts) {
}
