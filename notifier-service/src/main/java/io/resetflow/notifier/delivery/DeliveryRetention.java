package io.resetflow.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.config.FinishedRows;
import io.resetflow.notifier.config.RetentionProperties;

/**
 * Deletes finished deliveries (SENT, FAILED_PERMANENT, THROTTLED, DEAD_LETTERED) and password-change notices older
 * than {@code resetflow.retention.deliveries} (30 days); a delivery still pending or failing temporarily stays. Old
 * deliveries are found as an id range ({@link FinishedRows}). Safe on N instances.
 */
@Component
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RetentionProperties retention;

    DeliveryRetention(JdbcClient jdbc, Clock clock, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return the number of deliveries and notices deleted */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    public int deleteOld() {
        Instant before = clock.instant().minus(retention.deliveries());
        int total = FinishedRows.deleteCreatedBefore(jdbc, "deliveries",
                List.of("SENT", "FAILED_PERMANENT", "THROTTLED", "DEAD_LETTERED"), before, BATCH);
        total += jdbc.sql("delete from password_change_notices where created_at < ? and status <> 'PENDING'")
                .param(before.atOffset(ZoneOffset.UTC)).update();
        if (total > 0) {
            log.info("deliveries cleanup: deleted {} finished row(s) created before {}", total, before);
        }
        return total;
    }
}
