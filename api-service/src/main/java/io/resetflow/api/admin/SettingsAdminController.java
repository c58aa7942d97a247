package io.resetflow.api.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.tenant.SettingsPatch;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.TenantSettings;
import io.resetflow.api.tenant.Tenants;

/** {@code GET/PATCH /v1/admin/settings} (secret key): the tenant's settings; durations are ISO-8601 (PT16H). */
@RestController
class SettingsAdminController {

    private final Tenants tenants;
    private final TenantSettings settings;

    SettingsAdminController(Tenants tenants, TenantSettings settings) {
        this.tenants = tenants;
        this.settings = settings;
    }

    record SettingsView(@JsonProperty("Status") String status, @JsonProperty("TenantId") String tenantId,
            @JsonProperty("LinkBaseUrl") String linkBaseUrl, @JsonProperty("TokenTtl") String tokenTtl,
            @JsonProperty("ReuseWindow") String reuseWindow, @JsonProperty("DeliveriesPerUserPerHour") int deliveriesPerUserPerHour,
            @JsonProperty("RevealUnknownAccounts") boolean revealUnknownAccounts,
            @JsonProperty("RateLimitRequests") int rateLimitRequests, @JsonProperty("RateLimitWindow") String rateLimitWindow,
            @JsonProperty("SetPasswordWebhookUrl") String setPasswordWebhookUrl, @JsonProperty("SenderName") String senderName,
            @JsonProperty("SenderAddress") String senderAddress,
            @JsonProperty("SmsAllowedCountryCodes") List<String> smsAllowedCountryCodes,
            @JsonProperty("SmsDailyCapPerNumber") int smsDailyCapPerNumber) {

        static SettingsView of(Tenant t) {
            return new SettingsView("Success", t.id(), t.linkBaseUrl(), t.tokenTtl().toString(), t.reuseWindow().toString(),
                    t.deliveriesPerUserPerHour(), t.revealUnknownAccounts(), t.rateLimitRequests(), t.rateLimitWindow().toString(),
                    t.setPasswordWebhookUrl(), t.senderName(), t.senderAddress(), t.smsAllowedCountryCodes(), t.smsDailyCapPerNumber());
        }
    }

    record SettingsChange(@JsonProperty("LinkBaseUrl") String linkBaseUrl, @JsonProperty("TokenTtl") String tokenTtl,
            @JsonProperty("ReuseWindow") String reuseWindow, @JsonProperty("DeliveriesPerUserPerHour") Integer deliveriesPerUserPerHour,
            @JsonProperty("RevealUnknownAccounts") Boolean revealUnknownAccounts,
            @JsonProperty("RateLimitRequests") Integer rateLimitRequests, @JsonProperty("RateLimitWindow") String rateLimitWindow,
            @JsonProperty("SetPasswordWebhookUrl") String setPasswordWebhookUrl, @JsonProperty("SenderName") String senderName,
            @JsonProperty("SenderAddress") String senderAddress,
            @JsonProperty("SmsAllowedCountryCodes") List<String> smsAllowedCountryCodes,
            @JsonProperty("SmsDailyCapPerNumber") Integer smsDailyCapPerNumber) {
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/settings", produces = "application/json")
    SettingsView get(Caller caller) {
        return SettingsView.of(tenants.find(caller.tenantId()).orElseThrow());
    }

    @SecretKeyRequired
    @PatchMapping(path = "/v1/admin/settings", consumes = "application/json", produces = "application/json")
    SettingsView patch(Caller caller, @RequestBody(required = false) SettingsChange c) {
        if (c == null) {
            throw ApiException.badRequest("A JSON body with the settings to change is required.");
        }
        SettingsPatch patch = new SettingsPatch(c.linkBaseUrl(), duration("TokenTtl", c.tokenTtl()),
                duration("ReuseWindow", c.reuseWindow()), c.deliveriesPerUserPerHour(), c.revealUnknownAccounts(),
                c.rateLimitRequests(), duration("RateLimitWindow", c.rateLimitWindow()), c.setPasswordWebhookUrl(),
                c.senderName(), c.senderAddress(), c.smsAllowedCountryCodes(), c.smsDailyCapPerNumber());
        try {
            return SettingsView.of(settings.change(caller.tenantId(), patch, "api-key:" + caller.keyId()));
        } catch (TenantSettings.InvalidSettingException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static Duration duration(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 duration such as PT16H or P7D.");
        }
    }
}
