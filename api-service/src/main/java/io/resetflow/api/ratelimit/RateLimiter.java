package io.resetflow.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-key request limit shared by every api-service instance: a fixed-window counter in PostgreSQL,
 * incremented atomically with one upsert, so N instances together allow exactly the tenant's limit
 * (seed 001: 25 requests in 5 seconds). No instance keeps a counter of its own.
 */
@Component
public class RateLimiter {

    /** Allowed, or refused with the seconds until the current window ends. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Decision hit(UUID keyId, int limit, Duration window) {
        Instant now = clock.instant();
        long windowMillis = window.toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        int hits = jdbc.sql("""
                        insert into rate_limit_windows (key_id, window_start, hits) values (?, ?, 1)
                        on conflict (key_id, window_start) do update set hits = rate_limit_windows.hits + 1
                        returning hits""")
                .params(keyId, OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC))
                .query(Integer.class).single();
        if (hits <= limit) {
            return new Decision(true, 0);
        }
        long remainingMillis = windowStart.toEpochMilli() + windowMillis - now.toEpochMilli();
        return new Decision(false, Math.max(1, (remainingMillis + 999) / 1000));
    }

    /** Old windows are useless after they end; keep the table small. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetOldWindows() {
        jdbc.sql("delete from rate_limit_windows where window_start < ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofHours(1)), ZoneOffset.UTC)).update();
    }
}
