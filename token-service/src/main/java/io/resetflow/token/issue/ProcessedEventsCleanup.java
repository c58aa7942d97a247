package io.resetflow.token.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes processed_events rows older than {@code resetflow.token.processed-events-retention} (7 days).
 *
 * <p>Redelivery assumption: these rows are the idempotency guard, so a ResetRequested redelivered after its row
 * was deleted would be decided a second time. Redelivery only concerns records whose offset was not committed
 * (offsets are committed once a second), i.e. the last few seconds' records when an instance died; they come
 * back within minutes, far inside 7 days. Resetting the group's offsets to replay older records is an operator
 * action outside this guarantee. The rows are also what the delivery throttle (1 hour) and for-request (seconds)
 * read, both far shorter than the retention.
 */
@Component
public class ProcessedEventsCleanup {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventsCleanup.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    ProcessedEventsCleanup(JdbcClient jdbc, Clock clock, TokenProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.processedEventsRetention();
    }

    /** @return the number of rows deleted */
    @Scheduled(fixedDelayString = "${resetflow.cleanup.interval:PT1H}", initialDelayString = "${resetflow.cleanup.interval:PT1H}")
    public int deleteOld() {
        var before = clock.instant().minus(retention).atOffset(ZoneOffset.UTC);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from processed_events where event_id in (
                        select event_id from processed_events where processed_at < ? limit ?)""")
                    .params(before, BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("processed_events cleanup: deleted {} row(s) older than {}", total, before);
        }
        return total;
    }
}
