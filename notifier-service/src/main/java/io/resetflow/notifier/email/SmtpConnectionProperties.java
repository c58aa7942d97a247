package io.resetflow.notifier.email;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code resetflow.mail.connection.*}: how long a sending thread keeps its SMTP connection. A connection idle longer
 * than {@code max-idle} is closed before the next send (below the usual server idle timeouts of a minute or more),
 * and one that carried {@code max-messages} emails is replaced (relays limit messages per connection).
 */
@Validated
@ConfigurationProperties("resetflow.mail.connection")
record SmtpConnectionProperties(
        @NotNull @DefaultValue("10s") Duration maxIdle,
        @Min(1) @DefaultValue("100") int maxMessages) {
}
