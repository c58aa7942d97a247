package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The statistic the timing test relies on must itself tell different distributions apart. */
class MannWhitneyTest {

    @Test
    void separates_shifted_samples_and_accepts_identical_ones() {
        List<Double> base = IntStream.range(0, 150).mapToObj(i -> 5.0 + (i * 7919 % 100) / 100.0).toList();
        List<Double> shifted = base.stream().map(v -> v + 1.5).toList();
        assertThat(Math.abs(UniformAnswerTimingIntegrationTest.mannWhitneyZ(base, shifted))).isGreaterThan(4.0);
        assertThat(Math.abs(UniformAnswerTimingIntegrationTest.mannWhitneyZ(base, base))).isLessThan(0.5);
    }
}
