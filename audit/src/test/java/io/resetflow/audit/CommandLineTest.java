package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and failure paths of the command line that need no broker. */
class CommandLineTest {

    @Test
    void withoutCommandItSaysWhichOnesExist() {
        Cli.Result result = Cli.run();
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing command: replay, verify or export");
    }

    @Test
    void theBootstrapServerIsRequired() {
        Cli.Result result = Cli.run("verify");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--bootstrap-server=HOST:PORT'");
    }

    @Test
    void badTimesAreUsageErrors() {
        Cli.Result result = Cli.run("replay", "--bootstrap-server", "127.0.0.1:1", "--from", "yesterday");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("'yesterday' is not an ISO-8601 instant or date");

        Cli.Result reversed = Cli.run("replay", "--bootstrap-server", "127.0.0.1:1", "--from", "2026-02-01", "--to", "2026-01-01");
        assertThat(reversed.exit()).isEqualTo(2);
        assertThat(reversed.err()).contains("--to 2026-01-01T00:00:00Z is before --from 2026-02-01T00:00:00Z");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndLeavesNoPartialExport(@TempDir Path dir) {
        Path output = dir.resolve("log.jsonl");
        Cli.Result result = Cli.run("export", "--bootstrap-server", "127.0.0.1:1", "--timeout", "PT2S",
                "--output", output.toString());
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("resetflow-audit: cannot read from Kafka at 127.0.0.1:1 within 2 s");
        assertThat(output).doesNotExist();
        assertThat(dir.resolve("log.jsonl.partial")).doesNotExist();
    }
}
