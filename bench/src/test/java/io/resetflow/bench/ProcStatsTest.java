package io.resetflow.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWithSpacesInTheCommand() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 500 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void kibFieldOfProcStatus() {
        String status = "Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n";
        assertThat(ProcStats.kib(status, "VmHWM:")).isEqualTo(524288);
        assertThat(ProcStats.kib(status, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void optionsQuickAndThrottleGuard() {
        Options quick = Options.parse(List.of("quick", "rate=100"), java.nio.file.Path.of("."));
        assertThat(quick.rate()).isEqualTo(100.0);
        assertThat(quick.users()).isEqualTo(1000);
        assertThat(quick.auditEvents()).isEqualTo(100_000);
        assertThat(Options.parse(List.of("--skip=audit,baseline"), java.nio.file.Path.of(".")).audit()).isFalse();
        assertThatThrownBy(() -> Options.parse(List.of("users=10", "rate=1000"), java.nio.file.Path.of(".")))
                .hasMessageContaining("throttle");
        assertThatThrownBy(() -> Options.parse(List.of("bogus=1"), java.nio.file.Path.of(".")))
                .hasMessageContaining("unknown flag");
        assertThat(quick.warmupRate()).isEqualTo(100.0);
        assertThat(Options.parse(List.of("rate=60", "users=2000"), java.nio.file.Path.of(".")).warmupRate()).isEqualTo(60.0);
        assertThat(Options.parse(List.of("warmup-rate=1000", "warmup=240", "warmup-users=6000"), java.nio.file.Path.of("."))
                .warmupRate()).isEqualTo(1000.0);
        assertThatThrownBy(() -> Options.parse(List.of("warmup-rate=1000", "warmup=240"), java.nio.file.Path.of(".")))
                .hasMessageContaining("warmup-users");
    }
}
