package io.resetflow.notifier.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long finished work is kept before the hourly housekeeping deletes it. Unfinished work (a delivery still being
 * retried, a webhook message still pending) is never deleted.
 *
 * @param deliveries finished deliveries and password-change notices: their rows are also what makes a redelivered
 *        event harmless, and events come again within minutes; 30 days unless set
 * @param webhookMessages partner webhook messages that succeeded or died, with their attempt log (what the console
 *        shows and replays); 30 days unless set
 */
@ConfigurationProperties("resetflow.retention")
public record RetentionProperties(Duration deliveries, Duration webhookMessages) {

    public RetentionProperties {
        deliveries = positive("deliveries", deliveries == null ? Duration.ofDays(30) : deliveries);
        webhookMessages = positive("webhook-messages", webhookMessages == null ? Duration.ofDays(30) : webhookMessages);
    }

    private static Duration positive(String name, Duration value) {
        if (value.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("resetflow.retention." + name + " must be at least a day (redelivered "
                    + "events must still find their rows), got " + value);
        }
        return value;
    }
}
