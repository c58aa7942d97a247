package io.resetflow.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void an_unreachable_database_anywhere_in_the_cause_chain_is_an_outage() {
        // HikariCP when no connection can be had, wrapped as Spring wraps it
        assertThat(DatabaseOutage.causes(new IllegalStateException("listener failed",
                new RuntimeException("Could not open JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))).isTrue();
        // pgjdbc: connection refused, the server terminating the session, starting up, too many clients
        assertThat(DatabaseOutage.causes(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("sorry, too many clients already", "53300"))).isTrue();
        // a failover's demoted primary, a full disk, an I/O error on the server
        assertThat(DatabaseOutage.causes(new SQLException("cannot execute INSERT in a read-only transaction", "25006"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("could not extend file: No space left on device", "53100"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("could not read block 0: I/O error", "58030"))).isTrue();
    }

    @Test
    void a_failure_of_the_statement_or_the_record_is_not() {
        assertThat(DatabaseOutage.causes(new SQLIntegrityConstraintViolationException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("value too long for type character varying(40)", "22001"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("canceling statement due to user request", "57014"))).isFalse();
        assertThat(DatabaseOutage.causes(new IllegalArgumentException("not a ResetRequested"))).isFalse();
        assertThat(DatabaseOutage.causes(null)).isFalse();
    }
}
