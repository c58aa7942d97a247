package io.resetflow.api.ratelimit;

import java.time.Duration;
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
 * twice the limit gets through. "Now" is the database's {@code clock_timestamp()}, read once the key's row is
 * locked: a time taken before waiting for a connection or for the row would be stale under load, and a key under
 * its limit would be refused (seen in the benchmark with a 1 s window).
 */
@Component
public class RateLimiter {

    /** Allowed, or refused with the seconds until the next request would be allowed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** The database's current time in microseconds since the epoch, as evaluated at that point of a statement. */
    private static final String NOW = "(extract(epoch from clock_timestamp()) * 1000000)::bigint";

    /** One atomic upsert per hit; the update's expressions are evaluated after the conflicting row is locked. */
    private static final String ADVANCE = """
            insert into rate_limits (key_id, tat_micros) values (:key, %1$s + :interval)
            on conflict (key_id) do update set tat_micros = greatest(rate_limits.tat_micros, %1$s) + :interval
            where greatest(rate_limits.tat_micros, %1$s) - %1$s <= :tolerance
            returning tat_micros""".formatted(NOW);

    private final JdbcClient jdbc;

    RateLimiter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Decision hit(UUID keyId, int limit, Duration window) {
        long interval = interval(limit, window);
        long tolerance = toMicros(window) - interval;
        Optional<Long> advanced = jdbc.sql(ADVANCE) // NOW is read there once the key's row is locked, so it is current
                .param("key", keyId).param("interval", interval).param("tolerance", tolerance)
                .query(Long.class).optional();
        if (advanced.isPresent()) {
            return new Decision(true, 0);
        }
        long ahead = jdbc.sql("select tat_micros - " + NOW + " from rate_limits where key_id = ?").param(keyId)
                .query(Long.class).single();
        long waitMicros = Math.max(0, ahead - tolerance);
        return new Decision(false, Math.max(1, (waitMicros + 999_999) / 1_000_000));
    }

    /** Whether the next hit would be refused, without counting one. */
    public boolean exceeded(UUID keyId, int limit, Duration window) {
        long tolerance = toMicros(window) - interval(limit, window);
        return jdbc.sql("select tat_micros - " + NOW + " from rate_limits where key_id = ?").param(keyId)
                .query(Long.class).optional().map(ahead -> Math.max(ahead, 0) > tolerance).orElse(false);
    }

    /** Keys idle for a day are back to a full bucket anyway; keep the table small. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forgetIdleKeys() {
        jdbc.sql("delete from rate_limits where tat_micros < " + NOW + " - ?").param(toMicros(Duration.ofDays(1))).update();
    }

    private static long interval(int limit, Duration window) {
        return Math.max(1, toMicros(window) / Math.max(1, limit));
    }

    private static long toMicros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
