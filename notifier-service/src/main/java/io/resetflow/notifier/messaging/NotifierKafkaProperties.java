package io.resetflow.notifier.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code resetflow.delivery.*}: how long to wait for the broker's ack of an outcome, and how a temporarily failed
 * delivery is retried for now (the Kafka error handler redelivers the record with exponential backoff, then
 * dead-letters it). A scheduled retry with its own schedule replaces the latter later. {@code partnerRetryFor}: how
 * long a poll of partner events that could not be queued (the database) is retried, with the same backoff, before
 * it is dead-lettered: an outage shorter than that loses no partner event.
 */
@Validated
@ConfigurationProperties("resetflow.delivery")
record NotifierKafkaProperties(
        @NotNull @DefaultValue("10s") Duration sendTimeout,
        @Min(1) @DefaultValue("4") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DefaultValue("10s") Duration maxBackoff,
        @NotNull @DefaultValue("1h") Duration partnerRetryFor) {
}
