package io.resetflow.audit;

import java.io.PrintWriter;

/**
 * Events read and the rate, on stderr, at most once a second: always when stdout is not a terminal (output is
 * piped or written to a file, so the user sees nothing else), and on a terminal when the log is large.
 */
final class Progress {

    static final long LARGE = 100_000;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean allowed;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastPrinted = started;
    private long total;

    Progress(PrintWriter err, boolean allowed) {
        this.err = err;
        this.allowed = allowed;
    }

    void expect(long records) {
        this.total = records;
    }

    private boolean enabled() {
        return allowed && (!terminal || total > LARGE);
    }

    void update(long read) {
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL_NANOS && enabled()) {
            lastPrinted = now;
            print(read, now, false);
        }
    }

    void done(long read) {
        if (enabled()) {
            print(read, System.nanoTime(), true);
        }
    }

    private void print(long read, long now, boolean last) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        String line = String.format("read %,d of %,d records in %.1f s (%,.0f records/s)", read, total, seconds,
                read / seconds);
        if (terminal) {
            err.print("\r" + line + (last ? System.lineSeparator() : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }
}
