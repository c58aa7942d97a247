package io.resetflow.token.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param pollInterval fallback polling when no commit woke the relay (events written by a crashed instance)
 * @param batchSize rows locked and sent per transaction
 * @param sendTimeout how long the relay waits for the broker's acknowledgements of one batch
 */
@Validated
@ConfigurationProperties("resetflow.outbox")
record OutboxProperties(@NotNull Duration pollInterval, @Positive int batchSize, @NotNull Duration sendTimeout) {
}
