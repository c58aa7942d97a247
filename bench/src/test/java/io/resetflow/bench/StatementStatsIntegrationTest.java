package io.resetflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.resetflow.testsupport.PostgresServer;

/** The bench's PostgreSQL figures, against a real server with and without the statistics extension loaded. */
class StatementStatsIntegrationTest {

    @Test
    void counts_the_statements_and_commits_of_the_window_by_database_busiest_first() throws Exception {
        System.setProperty(PostgresServer.STATEMENT_STATS, "true");
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            System.clearProperty(PostgresServer.STATEMENT_STATS);
            postgres.createDatabaseIfMissing("stats_probe");
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("stats_probe"), postgres.username(),
                    postgres.password()); Statement sql = db.createStatement()) {
                sql.execute("create table t (id int primary key, v text)");
                StatementStats stats = StatementStats.open(postgres);
                assertThat(stats).isNotNull();
                try (stats) {
                    stats.start();
                    for (int i = 0; i < 40; i++) {
                        sql.executeUpdate("insert into t values (" + i + ", 'x')");
                    }
                    for (int i = 0; i < 10; i++) {
                        sql.executeQuery("select v from t where id = " + i).close();
                    }
                    StatementStats.Window window = stats.stop(1);

                    assertThat(window.statements()).isEqualTo(50); // normalised: one insert and one select, 40 + 10 calls
                    assertThat(window.busiest()).singleElement().satisfies(b -> {
                        assertThat(b.database()).isEqualTo("stats_probe");
                        assertThat(b.query()).startsWith("insert into t values");
                        assertThat(b.calls()).isEqualTo(40);
                    });
                    assertThat(window.executionMillis()).isPositive();
                    assertThat(window.commitsByDatabase().keySet()).allSatisfy(name -> assertThat(name).isEqualTo("stats_probe"));
                    // table counters reach the statistics once a second at most; the next window sees these inserts
                    assertThat(window.tables()).allSatisfy(rows -> assertThat(rows.table()).isEqualTo("stats_probe.t"));
                }
            }
        } finally {
            System.clearProperty(PostgresServer.STATEMENT_STATS);
        }
    }

    @Test
    void is_absent_when_the_server_did_not_load_the_extension() {
        try (PostgresServer postgres = PostgresServer.start(null, 0)) {
            assertThat(StatementStats.open(postgres)).isNull();
        }
    }
}
