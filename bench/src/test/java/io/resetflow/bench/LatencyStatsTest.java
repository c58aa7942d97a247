package io.resetflow.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencyStats stats = new LatencyStats();
        for (int i = 100; i >= 1; i--) {
            stats.add(i * 1000L);
        }
        LatencyStats.Summary s = stats.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50_000);
        assertThat(s.p95()).isEqualTo(95_000);
        assertThat(s.p99()).isEqualTo(99_000);
        assertThat(s.max()).isEqualTo(100_000);
        assertThat(s.mean()).isEqualTo(50_500.0);
        assertThat(s.millis()).isEqualTo("50 / 95 / 99 / 100");
    }

    @Test
    void smallSamplesAndEmpty() {
        LatencyStats stats = new LatencyStats();
        assertThat(stats.summary().millis()).isEqualTo("n/a");
        stats.add(1500);
        stats.add(2500);
        LatencyStats.Summary s = stats.summary();
        assertThat(s.p50()).isEqualTo(1500);
        assertThat(s.p99()).isEqualTo(2500);
        assertThat(s.millis()).isEqualTo("1.5 / 2.5 / 2.5 / 2.5");
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 10_000; i++) {
            stats.add(i);
        }
        assertThat(stats.count()).isEqualTo(10_000);
        assertThat(stats.summary().p99()).isEqualTo(9_899);
    }
}
