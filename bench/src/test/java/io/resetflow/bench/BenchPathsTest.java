package io.resetflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchPathsTest {

    @Test
    void a_path_is_shown_without_the_machines_directories() {
        Path repo = Path.of("/srv/build/resetflow");
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();

        assertThat(Bench.shown(repo.resolve("api-service/target/api-service-1-exec.jar"), repo))
                .isEqualTo("api-service/target/api-service-1-exec.jar");
        assertThat(Bench.shown(home.resolve(".m2/repository/io/resetflow/x-1-exec.jar"), repo))
                .isEqualTo("~/.m2/repository/io/resetflow/x-1-exec.jar");
        assertThat(Bench.shown(Path.of("/opt/elsewhere/token-service-1-exec.jar"), repo))
                .isEqualTo("token-service-1-exec.jar");
    }
}
