package io.resetflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import io.resetflow.testsupport.Ports;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIntegrationTest {

    @TempDir
    Path repo;

    @Test
    void startsInfrastructureStopsItWithoutLeftoversAndKeepsDataOnRestart() throws Exception {
        LocalStack.Config config = LocalStack.Config.freePorts(repo, repo.resolve(".run")).withServices(false);

        try (LocalStack stack = LocalStack.start(config)) {
            assertThat(Files.isDirectory(config.pidDir())).isTrue();
            for (int port : config.ports().values()) {
                assertThat(Ports.isListening(port)).as("port %d", port).isTrue();
            }
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl("api"), "postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("create table marker (v text)");
                s.execute("insert into marker values ('kept')");
            }
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl("token"), "postgres", "postgres");
                    Connection n = DriverManager.getConnection(stack.jdbcUrl("notifier"), "postgres", "postgres")) {
                assertThat(c.isValid(2)).isTrue();
                assertThat(n.isValid(2)).isTrue();
            }
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(config.smtpPort()));
            MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
            mail.setFrom(new InternetAddress("no-reply@resetflow.local"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            mail.setSubject("hello");
            mail.setText("body");
            Transport.send(mail);
            assertThat(stack.mail().messages()).extracting(m -> m.to()).containsExactly("bob@example.com");
            assertThat(stack.banner()).contains(stack.devInboxUrl());
        }

        for (int port : config.ports().values()) {
            assertThat(Ports.isFree(port)).as("port %d free after close", port).isTrue();
        }
        assertThat(io.resetflow.testsupport.PostgresServer.postmasterPid(config.postgresDir())).isEmpty();
        try (var files = Files.list(config.pidDir())) {
            assertThat(files.toList()).isEmpty();
        }

        LocalStack.Config again = new LocalStack.Config(config.repoRoot(), config.stateDir(), false, false,
                config.postgresPort(), config.kafkaPort(), config.smtpPort(), config.pop3Port(), config.imapPort(),
                config.inboxPort(), config.apiPort(), config.tokenPort(), config.notifierPort(),
                config.healthTimeout(), false);
        try (LocalStack stack = LocalStack.start(again);
                Connection c = DriverManager.getConnection(stack.jdbcUrl("api"), "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select v from marker")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
        for (int port : again.ports().values()) {
            assertThat(Ports.isFree(port)).as("port %d free after second close", port).isTrue();
        }
    }

    @Test
    void stopsLeftoversOfAKilledRunButNeverAStrangerWithARecycledPid() throws Exception {
        LocalStack.Config config = LocalStack.Config.freePorts(repo, repo.resolve("state")).withServices(false);
        Process leftover = new ProcessBuilder("sleep", "300").start();
        Process stranger = new ProcessBuilder("sleep", "301").start();
        try {
            PidFiles pids = new PidFiles(config.pidDir());
            pids.record("api-service", leftover.pid(), "sleep 300");
            pids.record("token-service", stranger.pid(), "resetflow/token-service/target/token-service.jar");
            // not fresh: the pid files must survive until the leftovers are handled
            LocalStack.Config keep = new LocalStack.Config(config.repoRoot(), config.stateDir(), false, false,
                    config.postgresPort(), config.kafkaPort(), config.smtpPort(), config.pop3Port(),
                    config.imapPort(), config.inboxPort(), config.apiPort(), config.tokenPort(),
                    config.notifierPort(), config.healthTimeout(), false);
            try (LocalStack stack = LocalStack.start(keep)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !leftover.isAlive());
                assertThat(stranger.isAlive()).isTrue();
            }
        } finally {
            leftover.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void aServiceThatDiesAtStartupFailsTheStartWithItsLogAndLeavesNothingBehind() throws Exception {
        for (String name : List.of("api-service", "token-service", "notifier-service")) {
            Path target = Files.createDirectories(repo.resolve(name).resolve("target"));
            Files.writeString(target.resolve(name + "-0.1.0-SNAPSHOT-exec.jar"), "not a jar");
        }
        LocalStack.Config config = LocalStack.Config.freePorts(repo, repo.resolve("state"))
                .withHealthTimeout(Duration.ofSeconds(60));
        assertThatThrownBy(() -> LocalStack.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("-service.log")
                .hasMessageContaining("jarfile");
        for (int port : config.ports().values()) {
            assertThat(Ports.isFree(port)).as("port %d free after a failed start", port).isTrue();
        }
        assertThat(io.resetflow.testsupport.PostgresServer.postmasterPid(config.postgresDir())).isEmpty();
    }
}
