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
}
