package io.resetflow.token.issue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import io.resetflow.token.config.CheckedAtStartup;

/**
 * @param atRestKey base64 of 32 bytes: the AES-256 key sealing the stored copy of each token
 * @param processedEventsRetention how long the idempotency guard ({@code processed_events}) keeps a decision: 7 days
 *        unless set; it must exceed the delivery throttle's window, which counts those rows
 */
@Validated
@ConfigurationProperties("resetflow.token")
record TokenProperties(
        @NotBlank(message = "set resetflow.token.at-rest-key (env RESETFLOW_TOKEN_ATRESTKEY) to a base64 32-byte key, "
                + "e.g. openssl rand -base64 32") String atRestKey,
        Duration processedEventsRetention) implements CheckedAtStartup {

    TokenProperties {
        processedEventsRetention = processedEventsRetention == null ? Duration.ofDays(7) : processedEventsRetention;
        if (processedEventsRetention.compareTo(Decider.THROTTLE_WINDOW) <= 0) {
            throw new IllegalArgumentException("resetflow.token.processed-events-retention must exceed the throttle "
                    + "window of " + Decider.THROTTLE_WINDOW + ", got " + processedEventsRetention);
        }
    }
}
