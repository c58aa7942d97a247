package io.resetflow.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-key limit shared by every api-service instance: GCRA (the generic cell rate algorithm, a token
 * bucket of {@code limit} requests refilled evenly over {@code window}) kept in PostgreSQL as one
 * theoretical arrival time per key and advanced by one atomic upsert. N instances together allow
 * exactly the limit; no instance keeps a counter of its own, and there is no window edge at which
 * twice the limit gets through.
 */
@Component
public class RateLimiter {

    /** Allowed, or refused with the seconds until the next request would be allowed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Decision hit(UUID keyId, int limit, Duration window) {
        long now = nowMicros();
        long interval = interval(limit, window);
        long tolerance = toMicros(window) - interval;
        Optional<Long> advanced = jdbc.sql("""
                        insert into rate_limits (key_id, tat_micros) values (:key, :now + :interval)
                        on conflict (key_id) do update set tat_micros = greatest(rate_limits.tat_micros, :now) + :interval
                        where greatest(rate_limits.tat_micros, :now) - :now <= :tolerance
                        returning tat_micros""")
                .param("key", keyId).param("now", now).param("interval", interval).param("tolerance", tolerance)
                .query(Long.class).optional();
        if (advanced.isPresent()) {
            return new Decision(true, 0);
        }
        long tat = jdbc.sql("select tat_micros from rate_limits where key_id = ?").param(keyId).query(Long.class).single();
        long waitMicros = Math.max(0, tat - now - tolerance);
        return new Decision(false, Math.max(1, (waitMicros + 999_999) / 1_000_000));
    }

    /** Whether the next hit would be refused, without counting one. */
    public boolean exceeded(UUID keyId, int limit, Duration window) {
        long now = nowMicros();
        long tolerance = toMicros(window) - interval(limit, window);
        return jdbc.sql("select tat_micros from rate_limits where key_id = ?").param(keyId).query(Long.class).optional()
                .map(tat -> Math.max(tat, now) - now > tolerance).orElse(false);
    }

    /** Keys idle for a day are back to a full bucket anyway; keep the table small. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forgetIdleKeys() {
        jdbc.sql("delete from rate_limits where tat_micros < ?").param(nowMicros() - toMicros(Duration.ofDays(1))).update();
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
    }

    private static long interval(int limit, Duration window) {
        return Math.max(1, toMicros(window) / Math.max(1, limit));
    }

    private static long toMicros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
