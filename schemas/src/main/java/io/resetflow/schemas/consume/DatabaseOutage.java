package io.resetflow.schemas.consume;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a consumer's failure caused by its database being out of reach (a restart, a failover, a full connection
 * pool) from one caused by the record. The consumers of every service retry the former until the database is back
 * instead of dead-lettering events after a few attempts: an outage says nothing about the event. Looks at the cause
 * chain only (JDBC's exception types and SQLStates), so it holds for any framework around it.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * True when {@code failure} or one of its causes says the database cannot be reached or cannot work: JDBC's
     * connection exception types (HikariCP's "connection is not available" is a {@link SQLTransientConnectionException}),
     * SQLState class 08 (connection exception), 57P01-57P03 (the server is shutting down, crashed or not accepting
     * connections yet), class 53 (insufficient resources: disk full, out of memory, too many connections), class 58
     * (system error, such as an I/O error) or 25006 (a read-only transaction: a connection still on a primary that a
     * failover demoted).
     */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.startsWith("53") || state.startsWith("58") || state.equals("25006")) {
                    return true;
                }
            }
        }
        return false;
    }
}
