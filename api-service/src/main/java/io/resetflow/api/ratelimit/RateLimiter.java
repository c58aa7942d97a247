package io.resetflow.api.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>
 * A key allowed 200 requests a second or more is not advanced once per request: an instance claims several permits
 * in one upsert, as if that many requests had come at once, and hands them out over the next {@link #LEASE} (see
 * {@link Lease}), so one row per key no longer serialises every request of a busy key. Two costs, both bounded by a
 * lease: permits are used up to 20 ms after they were counted, so a short span can see up to a lease's worth (20 ms
 * of the key's rate, at most {@link #MAX_LEASE} per instance) more than exact counting would let through; and
 * permits a lease did not hand out before it expired are lost. So that such losses cannot add up to refusing a key
 * that stays under its limit, claims of several permits are made only while the key's bucket stays at least half
 * full; below that the key is counted request by request (at worst, a key that runs near its limit for long keeps
 * half of its burst).
 * Once a busy key is refused, this instance refuses its requests without asking the database until its next permit
 * is due (others' claims only push that further out). Keys with lower limits (the default 25 per 5 s, the reset
 * pages' per-address limits) are counted per request, exactly as before.
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

    /** How long claimed permits stay usable: short, so that idle permits are not withheld from other instances. */
    static final Duration LEASE = Duration.ofMillis(20);

    /** The most permits one claim takes, whatever the rate: bounds what a lease can lose. */
    static final int MAX_LEASE = 64;

    /** Keys whose lease could hold fewer permits (under 200 requests a second) are counted request by request. */
    static final int MIN_LEASE = 4;

    private static final Decision ALLOWED = new Decision(true, 0);

    private final JdbcClient jdbc;
    /** Only keys whose rate makes leasing worth it get an entry. */
    private final Map<UUID, Lease> leases = new ConcurrentHashMap<>();

    RateLimiter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Decision hit(UUID keyId, int limit, Duration window) {
        long interval = interval(limit, window);
        long tolerance = toMicros(window) - interval;
        int maxLease = (int) Math.min(Math.min(MAX_LEASE, limit), toMicros(LEASE) / interval);
        if (maxLease < MIN_LEASE) {
            return advance(keyId, 1, interval, tolerance) ? ALLOWED : refused(waitMicros(keyId, tolerance));
        }
        Lease lease = leases.computeIfAbsent(keyId, k -> new Lease());
        lease.lock.lock();
        try {
            lease.limit(interval, tolerance);
            long now = System.nanoTime();
            if (lease.take(now)) {
                return ALLOWED;
            }
            long refusedFor = lease.refusedFor(now);
            if (refusedFor > 0) {
                return refused(refusedFor / 1_000);
            }
            int size = lease.nextSize(now, maxLease);
            if (size > 1) {
                // only while the bucket stays at least half full: what leases lose cannot eat into the lower half
                if (advance(keyId, size, interval, tolerance / 2)) {
                    lease.claimed(size, System.nanoTime(), LEASE.toNanos()); // the lease runs from its claim
                    return ALLOWED;
                }
                lease.singlesUntil(now + LEASE.toNanos());
            }
            if (advance(keyId, 1, interval, tolerance)) {
                lease.claimed(1, System.nanoTime(), LEASE.toNanos());
                return ALLOWED;
            }
            long asked = System.nanoTime(); // before the database reads its time: the remembered refusal errs short
            long waitMicros = waitMicros(keyId, tolerance);
            lease.refusedUntil(asked + waitMicros * 1_000);
            return refused(waitMicros);
        } finally {
            lease.lock.unlock();
        }
    }

    /**
     * Claims {@code permits} requests' worth of the key's bucket at once, or nothing: the same conformance test as
     * {@code permits} requests arriving together.
     */
    private boolean advance(UUID keyId, int permits, long interval, long tolerance) {
        Optional<Long> advanced = jdbc.sql(ADVANCE) // NOW is read there once the key's row is locked, so it is current
                .param("key", keyId).param("interval", interval * permits)
                .param("tolerance", tolerance - interval * (permits - 1))
                .query(Long.class).optional();
        return advanced.isPresent();
    }

    /** How long until the key's next permit, after a refused claim. */
    private long waitMicros(UUID keyId, long tolerance) {
        long ahead = jdbc.sql("select tat_micros - " + NOW + " from rate_limits where key_id = ?").param(keyId)
                .query(Long.class).single();
        return Math.max(0, ahead - tolerance);
    }

    private static Decision refused(long waitMicros) {
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
        long now = System.nanoTime();
        // A thread may have just looked up a lease removed here; it then works with a lease nobody else sees, which
        // costs at most that lease's permits once.
        leases.values().removeIf(lease -> !lease.lock.isLocked() && lease.idleSince(now, Duration.ofHours(1).toNanos()));
        jdbc.sql("delete from rate_limits where tat_micros < " + NOW + " - ?").param(toMicros(Duration.ofDays(1))).update();
    }

    private static long interval(int limit, Duration window) {
        return Math.max(1, toMicros(window) / Math.max(1, limit));
    }

    private static long toMicros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
