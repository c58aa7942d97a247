package io.resetflow.token.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes outbox rows the broker acknowledged more than {@code resetflow.outbox.retention} (1 day) ago: once
 * published they are only kept for diagnosis; the event itself lives on the topic. Unpublished rows are never
 * deleted. Safe on N instances (a delete of already deleted rows does nothing).
 */
@Component
public class OutboxCleanup {

    private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    OutboxCleanup(JdbcClient jdbc, Clock clock, @Value("${resetflow.outbox.retention:P1D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return the number of rows deleted */
    @Scheduled(fixedDelayString = "${resetflow.cleanup.interval:PT1H}", initialDelayString = "${resetflow.cleanup.interval:PT1H}")
    public int deletePublished() {
        var before = clock.instant().minus(retention).atOffset(ZoneOffset.UTC);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from outbox where id in (
                        select id from outbox where published_at is not null and published_at < ? limit ?)""")
                    .params(before, BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("outbox cleanup: deleted {} row(s) published before {}", total, before);
        }
        return total;
    }
}
