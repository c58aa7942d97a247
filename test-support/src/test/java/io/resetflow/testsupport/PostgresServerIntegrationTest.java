package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void temporaryServerRoundTripsSql() throws Exception {
        int port;
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            port = postgres.port();
            postgres.createDatabaseIfMissing("roundtrip");
            postgres.createDatabaseIfMissing("roundtrip");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("roundtrip"), postgres.username(),
                    postgres.password()); Statement s = c.createStatement()) {
                s.execute("create table t (id int primary key, name text)");
                s.execute("insert into t values (1, 'alice')");
                try (ResultSet rs = s.executeQuery("select name from t where id = 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("alice");
                }
            }
        }
        assertThat(Ports.isListening(port)).isFalse();
    }

    @Test
    void persistentServerKeepsDataAcrossRestartsAndStopsCleanly() throws Exception {
        Path dir = dataDir.resolve("pg");
        try (PostgresServer postgres = PostgresServer.start(dir, 0)) {
            assertThat(postgres.postmasterPid()).isPresent();
            postgres.createDatabaseIfMissing("kept");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), postgres.username(),
                    postgres.password()); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        assertThat(PostgresServer.postmasterPid(dir)).isEmpty();
        try (PostgresServer postgres = PostgresServer.start(dir, 0)) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), postgres.username(),
                    postgres.password()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }
}
