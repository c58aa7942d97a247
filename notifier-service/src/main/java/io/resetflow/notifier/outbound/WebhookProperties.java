package io.resetflow.notifier.outbound;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * {@code resetflow.webhooks.*}: outbound webhook calls. {@code retrySchedule} is the delay before each attempt of a
 * partner webhook message (the first is 0); after the last one the message is DEAD. {@code allowPrivateAddresses}
 * lets URLs resolve to loopback/private/link-local addresses (local profile and tests only). An endpoint whose
 * attempts all failed for longer than {@code disableAfter} (no success since the first failure) is disabled.
 */
@Validated
@ConfigurationProperties("resetflow.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @NotNull @DefaultValue("5s") Duration timeout,
        @NotEmpty @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
        List<Duration> retrySchedule,
        @Min(1) @DefaultValue("8") int threads,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("24h") Duration previousSecretValidity,
        @NotNull @DefaultValue("5d") Duration disableAfter) {
}
