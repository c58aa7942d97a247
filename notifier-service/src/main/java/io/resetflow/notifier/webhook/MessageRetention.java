package io.resetflow.notifier.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.config.RetentionProperties;

/**
 * Deletes partner webhook messages that succeeded or died and were created more than
 * {@code resetflow.retention.webhook-messages} (30 days) ago, with their attempt log (cascade); a pending message
 * stays whatever its age. A dead message can no longer be replayed from the console after that. Ids grow with
 * {@code created_at}: the old rows are an id range found from the primary key. Safe on N instances.
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
        Long firstKept = jdbc.sql("""
                        select coalesce((select id from webhook_messages where created_at >= ? order by id limit 1),
                                        (select max(id) + 1 from webhook_messages))""")
                .param(before.atOffset(ZoneOffset.UTC)).query(Long.class).optional().orElse(null);
        if (firstKept == null) {
            return 0;
        }
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from webhook_messages where id in (
                                select id from webhook_messages where id < ? and status in ('SUCCEEDED', 'DEAD')
                                order by id limit ?)""")
                    .params(firstKept, BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("webhook cleanup: deleted {} finished message(s) created before {}", total, before);
        }
        return total;
    }
}
