package io.resetflow.api.ratelimit;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Permits of one key that this instance claimed from the shared limit in one statement and hands out until they run
 * out or expire. The size of the next claim follows demand: it doubles while a lease runs out before it expires and
 * falls back to what the last one used when it expired, so a key under low traffic claims one permit at a time.
 * Not thread-safe by itself: callers hold {@link #lock} (a lock rather than a monitor, so that a virtual thread
 * waiting for the database does not pin its carrier on Java 21 to 23).
 */
final class Lease {

    final ReentrantLock lock = new ReentrantLock();

    private int claimed;
    private int left;
    private volatile long expiresAtNanos;
    private long refusedUntilNanos;
    private boolean refused;

    /** Takes a permit of the current lease if one is left and the lease has not expired. */
    boolean take(long nowNanos) {
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

    /** Records a refusal: no permit before {@code untilNanos}. */
    void refusedUntil(long untilNanos) {
        claimed = 0;
        left = 0;
        refused = true;
        refusedUntilNanos = untilNanos;
    }

    /** How many permits the next claim should ask for, at most {@code max}. */
    int nextSize(long nowNanos, int max) {
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

    /** Records a claim of {@code permits}, one of which the caller uses at once. */
    void claimed(int permits, long nowNanos, long leaseNanos) {
        refused = false;
        claimed = permits;
        left = Math.max(0, permits - 1);
        expiresAtNanos = nowNanos + leaseNanos;
    }

    boolean idleSince(long nowNanos, long idleNanos) {
        return nowNanos - expiresAtNanos > idleNanos && !(refused && nowNanos - refusedUntilNanos < 0);
    }
}
