package io.resetflow.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency samples in microseconds, kept whole (a run has at most a few hundred thousand), summarised with
 * nearest-rank percentiles: p = the smallest sample such that at least p% of the samples are at or below it.
 */
public final class LatencyStats {
    private long[] samples = new long[1024];
    private int size;

    public synchronized void add(long micros) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = micros;
    }

    public synchronized int count() {
        return size;
    }

    /** An immutable summary (all zero when empty). */
    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return Summary.of(sorted);
    }

    /** Nearest-rank percentile of an ascending array; 0 for an empty one. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    /** Percentiles in microseconds. */
    public record Summary(int count, long p50, long p95, long p99, long max, double mean) {
        static Summary of(long[] sorted) {
            double mean = sorted.length == 0 ? 0 : Arrays.stream(sorted).average().orElse(0);
            return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1], mean);
        }

        /** "p50 / p95 / p99 / max" in milliseconds. */
        public String millis() {
            if (count == 0) {
                return "n/a";
            }
            return ms(p50) + " / " + ms(p95) + " / " + ms(p99) + " / " + ms(max);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("p50Ms", p50 / 1000.0);
            m.put("p95Ms", p95 / 1000.0);
            m.put("p99Ms", p99 / 1000.0);
            m.put("maxMs", max / 1000.0);
            m.put("meanMs", Math.round(mean) / 1000.0);
            return m;
        }

        static String ms(long micros) {
            if (micros < 10_000) {
                return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
            }
            return Long.toString(Math.round(micros / 1000.0));
        }
    }
}
