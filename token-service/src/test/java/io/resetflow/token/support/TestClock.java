package io.resetflow.token.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in integration tests: the system clock until a test freezes it, then exactly the instant
 * the test sets or advances to. {@link #release()} goes back to the system clock.
 */
public final class TestClock extends Clock {

    private volatile Instant frozen;

    /** Freezes the clock at the current instant (whole milliseconds, as the events carry them) and returns it. */
    public Instant freeze() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        frozen = now;
        return now;
    }

    public void set(Instant instant) {
        frozen = instant;
    }

    public void advance(Duration duration) {
        Instant current = frozen;
        if (current == null) {
            throw new IllegalStateException("freeze the clock before advancing it");
        }
        frozen = current.plus(duration);
    }

    public void release() {
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant current = frozen;
        return current != null ? current : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
