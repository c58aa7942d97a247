package io.resetflow.api.tenant;

import java.time.Duration;
import java.util.List;

/** A tenant and its settings; every number is the tenant's own setting. */
public record Tenant(
        String id,
        String name,
        String linkBaseUrl,
        Duration tokenTtl,
        Duration reuseWindow,
        int deliveriesPerUserPerHour,
        boolean revealUnknownAccounts,
        int rateLimitRequests,
        Duration rateLimitWindow,
        String setPasswordWebhookUrl,
        String senderName,
        String senderAddress,
        List<String> smsAllowedCountryCodes,
        int smsDailyCapPerNumber) {

    public Tenant {
        smsAllowedCountryCodes = List.copyOf(smsAllowedCountryCodes);
    }
}
