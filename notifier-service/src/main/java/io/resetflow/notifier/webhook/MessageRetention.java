package io.resetflow.notifier.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.config.FinishedRows;
import io.resetflow.notifier.config.RetentionProperties;

/**
 * Deletes partner webhook messages that succeeded or died and were created more than
 * {@code resetflow.retention.webhook-messages} (30 days) ago, with their attempt log (cascade); a pending message
 * stays whatever its age. A dead message can no longer be replayed from the console after that. Old messages are
 * found as an id range ({@link FinishedRows}). Safe on N instances.
 */
@Component
public class MessageRetention {

    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);
    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RetentionProperties retention;

    MessageRetention(JdbcClient jdbc, Clock clock, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return the number of messages deleted */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    public int deleteOld() {
        Instant before = clock.instant().minus(retention.webhookMessages());
        int total = FinishedRows.deleteCreatedBefore(jdbc, "webhook_messages", List.of("SUCCEEDED", "DEAD"), before,
                BATCH);
        if (total > 0) {
            log.info("webhook cleanup: deleted {} finished message(s) created before {}", total, before);
        }
        return total;
    }
}
