package io.resetflow.api.ratelimit;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Permits of one key that this instance claimed from the shared limit in one statement and hands out until they run
 * out or expire, and what this instance knows of the key between claims: that it was refused until a given time, or
 * that its bucket is too full for claims of several permits. The size of the next claim follows demand: it doubles
 * while leases run out before they expire and falls back to what the last one served once one expires. All of it
 * holds for one limit (interval and tolerance); a different limit (the tenant changed it) starts afresh.
 * Not thread-safe by itself: callers hold {@link #lock} (a lock rather than a monitor, so that a virtual thread
 * waiting for the database does not pin its carrier on Java 21 to 23).
 */
final class Lease {

    final ReentrantLock lock = new ReentrantLock();

    private long interval;
    private long tolerance;
    private int claimed;
    private int left;
    private long expiresAtNanos;
    private boolean refused;
    private long refusedUntilNanos;
    private long singlesUntilNanos;
    private boolean singles;
    /** Read without the lock by the idle sweep. */
    private volatile long lastUsedNanos;

    /** Forgets everything known under another limit. */
    void limit(long interval, long tolerance) {
        if (interval != this.interval || tolerance != this.tolerance) {
            this.interval = interval;
            this.tolerance = tolerance;
            claimed = 0;
            left = 0;
            refused = false;
            singles = false;
        }
    }

    /** Takes a permit of the current lease if one is left and the lease has not expired. */
    boolean take(long nowNanos) {
        lastUsedNanos = nowNanos;
        if (left > 0 && nowNanos - expiresAtNanos < 0) {
            left--;
            return true;
        }
        return false;
    }

    /**
     * Nanoseconds until the key's next permit after a refusal, or 0: until then every request is refused without
     * asking the database, since others' claims can only push that time further out.
     */
    long refusedFor(long nowNanos) {
        return refused && nowNanos - refusedUntilNanos < 0 ? refusedUntilNanos - nowNanos : 0;
    }

    /** How many permits the next claim should ask for, at most {@code max}. */
    int nextSize(long nowNanos, int max) {
        if (singles && nowNanos - singlesUntilNanos < 0) {
            return 1;
        }
        int size;
        if (claimed == 0) {
            size = 1;
        } else if (left == 0 && nowNanos - expiresAtNanos < 0) {
            size = claimed * 2; // ran out before it expired: demand is higher than the lease
        } else {
            size = claimed - left; // expired: as many as it served
        }
        return Math.max(1, Math.min(max, size));
    }

    /** Records a claim of {@code permits} made at {@code nowNanos}, one of which the caller uses at once. */
    void claimed(int permits, long nowNanos, long leaseNanos) {
        refused = false;
        claimed = permits;
        left = Math.max(0, permits - 1);
        expiresAtNanos = nowNanos + leaseNanos;
    }

    /** The bucket was too full for a claim of several permits: claim one at a time until {@code untilNanos}. */
    void singlesUntil(long untilNanos) {
        singles = true;
        singlesUntilNanos = untilNanos;
    }

    /** Records a refusal: no permit before {@code untilNanos}. */
    void refusedUntil(long untilNanos) {
        claimed = 0;
        left = 0;
        refused = true;
        refusedUntilNanos = untilNanos;
    }

    /** Whether nobody asked for a permit for longer than {@code idleNanos} (every lease and refusal is long over). */
    boolean idleSince(long nowNanos, long idleNanos) {
        return nowNanos - lastUsedNanos > idleNanos;
    }
}
