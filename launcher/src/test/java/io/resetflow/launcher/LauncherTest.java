package io.resetflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path repo;

    @Test
    void parsesOptions() {
        Launcher.Options none = Launcher.parse(new String[0], repo);
        assertThat(none.repoRoot()).isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(none.fresh()).isFalse();
        assertThat(none.help()).isFalse();
        assertThat(none.services()).isTrue();
        assertThat(Launcher.parse(new String[] {"--infra-only"}, repo).services()).isFalse();

        Launcher.Options all = Launcher.parse(new String[] {"--fresh", "--repo", repo.resolve("x").toString()}, repo);
        assertThat(all.fresh()).isTrue();
        assertThat(all.repoRoot()).isEqualTo(repo.resolve("x").toAbsolutePath().normalize());
        assertThat(Launcher.parse(new String[] {"--repo=" + repo}, Path.of("/")).repoRoot())
                .isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(Launcher.parse(new String[] {"--help"}, repo).help()).isTrue();

        assertThatThrownBy(() -> Launcher.parse(new String[] {"--bogus"}, repo))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Launcher.parse(new String[] {"--repo"}, repo))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreTheFixedLocalNames() {
        LocalStack.Config config = LocalStack.Config.defaults(repo, false);
        assertThat(config.stateDir()).isEqualTo(repo.toAbsolutePath().normalize().resolve(".run"));
        assertThat(config.pidDir()).isEqualTo(config.stateDir().resolve("pids"));
        assertThat(config.logDir()).isEqualTo(config.stateDir().resolve("logs"));
        assertThat(config.postgresDir()).isEqualTo(config.stateDir().resolve("postgres"));
        assertThat(config.kafkaDir()).isEqualTo(config.stateDir().resolve("kafka"));
        assertThat(config.ports().values()).containsExactly(5432, 9092, 3025, 3110, 3143, 8025, 8080, 8081, 8082);
        assertThat(config.withServices(false).ports()).doesNotContainKeys("api-service", "token-service",
                "notifier-service");
        assertThat(LocalStack.Config.defaults(repo, true).fresh()).isTrue();
    }

    @Test
    void freePortsAreDistinct() {
        LocalStack.Config config = LocalStack.Config.freePorts(repo, repo.resolve("state"));
        assertThat(new HashSet<>(config.ports().values())).hasSize(9);
        assertThat(config.fresh()).isTrue();
        assertThat(config.stateDir()).isEqualTo(repo.resolve("state").toAbsolutePath().normalize());
    }

    @Test
    void servicesGetTheirPortsDatabasesAndPeers() throws Exception {
        LocalStack.Config config = LocalStack.Config.freePorts(repo, repo.resolve("state"));
        for (String name : List.of("api-service", "token-service", "notifier-service")) {
            Files.createDirectories(repo.resolve(name).resolve("target"));
            Files.createFile(repo.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar"));
        }
        LocalStack stack = newUnstarted(config);
        List<LocalStack.Service> services = stack.services();
        assertThat(services).extracting(LocalStack.Service::name)
                .containsExactly("api-service", "token-service", "notifier-service");

        LocalStack.Service api = services.get(0);
        assertThat(stack.properties(api))
                .containsEntry("server.port", Integer.toString(config.apiPort()))
                .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:" + config.kafkaPort())
                .containsEntry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/api")
                .containsEntry("resetflow.token-service.url", "http://127.0.0.1:" + config.tokenPort());
        assertThat(stack.properties(services.get(1)))
                .containsEntry("spring.datasource.url",
                        "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/token");
        assertThat(stack.properties(services.get(2)))
                .containsEntry("spring.mail.host", "127.0.0.1")
                .containsEntry("spring.mail.port", Integer.toString(config.smtpPort()))
                .containsEntry("spring.datasource.url",
                        "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/notifier");

        List<String> command = stack.command(api);
        assertThat(command).containsSubsequence("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                repo.toAbsolutePath().normalize().resolve("api-service/target/api-service-0.1.0-SNAPSHOT-exec.jar")
                        .toString(),
                "--spring.profiles.active=local");
        assertThat(command).contains("--server.port=" + config.apiPort());
        assertThat(stack.banner()).contains("curl -X POST http://127.0.0.1:" + config.apiPort()
                + "/v1/password-resets -H 'Authorization: rf_pub_demo_local' -H 'Content-Type: application/json'"
                + " -d '{\"EmailAddress\":\"alice@example.com\"}'");
        stack.close();
    }

    @Test
    void missingJarIsReportedClearly() {
        LocalStack stack = newUnstarted(LocalStack.Config.defaults(repo, false));
        assertThatThrownBy(() -> stack.jar(stack.services().get(1)))
                .hasMessageContaining("token-service-*-exec.jar").hasMessageContaining("./run-local");
        stack.close();
    }

    @Test
    void echoesOnlyInterestingLines() {
        assertThat(LocalStack.interesting("2026-01-01 ERROR 1 --- [main] x : boom")).isTrue();
        assertThat(LocalStack.interesting("Started ApiServiceApplication in 3.2 seconds")).isTrue();
        assertThat(LocalStack.interesting("2026-01-01 INFO 1 --- [main] x : fine")).isFalse();
    }

    private static LocalStack newUnstarted(LocalStack.Config config) {
        try {
            var constructor = LocalStack.class.getDeclaredConstructor(LocalStack.Config.class);
            constructor.setAccessible(true);
            return constructor.newInstance(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
