package io.resetflow.api.tenant;

import java.time.Duration;
import java.util.List;

/** A partial change of a tenant's settings: null members stay as they are; "" clears an optional text. */
public record SettingsPatch(String linkBaseUrl, Duration tokenTtl, Duration reuseWindow, Integer deliveriesPerUserPerHour,
        Boolean revealUnknownAccounts, Integer rateLimitRequests, Duration rateLimitWindow, String setPasswordWebhookUrl,
        String senderName, String senderAddress, List<String> smsAllowedCountryCodes, Integer smsDailyCapPerNumber) {
}
