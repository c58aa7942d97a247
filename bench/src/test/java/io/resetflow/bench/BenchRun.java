package io.resetflow.bench;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the benchmark under {@code ./mvnw -pl bench -am -Pbench verify [-Dbench.args="quick"]}. Only the bench profile
 * includes it (Failsafe's default pattern is *IntegrationTest); it asserts nothing about the figures.
 */
class BenchRun {

    @Test
    void bench() throws Exception {
        String args = System.getProperty("bench.args", "");
        List<String> list = Arrays.stream(args.trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
        assertThat(Bench.run(list)).isZero();
    }
}
