package io.resetflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.resetflow.testsupport.PostgresServer;

/**
 * PostgreSQL's own account of the load window: statements and commits per reset from {@code pg_stat_statements} and
 * {@code pg_stat_database}, the statements that took the most execution time, and the rows each table had inserted,
 * updated (how many of them HOT, without touching an index) and deleted. PostgreSQL is a large share of the stack's
 * CPU per reset; this says which service's statements it goes to. The database and table counters reach the
 * statistics when a backend's transaction ends, at most once a second, so they are a second or so approximate. Needs
 * the server started with {@link PostgresServer#STATEMENT_STATS}; without it {@link #open} answers null and the bench
 * goes on without.
 */
final class StatementStats implements AutoCloseable {

    /** One normalised statement over the window. */
    record Busiest(String database, String query, long calls, double totalMillis, long rows) {
    }

    /** Rows a table had inserted, updated (of which HOT: no index touched) and deleted over the window. */
    record TableRows(String table, long inserted, long updated, long hotUpdated, long deleted) {
        long total() {
            return inserted + updated + deleted;
        }
    }

    record Window(long statements, double executionMillis, Map<String, Long> commitsByDatabase, List<Busiest> busiest,
                  List<TableRows> tables) {
    }

    private final PostgresServer postgres;
    private final Connection connection;
    private Map<String, Long> commitsBefore = Map.of();
    private Map<String, long[]> tablesBefore = Map.of();

    private StatementStats(PostgresServer postgres, Connection connection) {
        this.postgres = postgres;
        this.connection = connection;
    }

    /** Connects to the server's {@code postgres} database and creates the extension there; null when not loaded. */
    static StatementStats open(PostgresServer postgres) {
        try {
            Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                    postgres.password());
            try (Statement create = connection.createStatement()) {
                create.execute("create extension if not exists pg_stat_statements");
                create.executeQuery("select count(*) from pg_stat_statements").close();
            } catch (SQLException e) {
                connection.close();
                return null; // not in shared_preload_libraries
            }
            return new StatementStats(postgres, connection);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Starts the window: clears the statement statistics and notes each database's transactions so far. */
    void start() throws SQLException {
        commitsBefore = commits();
        tablesBefore = tables(commitsBefore.keySet()); // before the reset, so these queries are not counted
        try (Statement reset = connection.createStatement()) {
            reset.executeQuery("select pg_stat_statements_reset()").close();
        }
    }

    /** Ends the window. */
    Window stop(int busiest) throws SQLException {
        Map<String, Long> after = commits();
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((db, n) -> {
            long d = n - commitsBefore.getOrDefault(db, 0L);
            if (d > 0) {
                delta.put(db, d);
            }
        });
        long statements = 0;
        double millis = 0;
        List<Busiest> top = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("""
                     select d.datname, s.query, s.calls, s.total_exec_time, s.rows
                     from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     where d.datname <> 'postgres'
                     order by s.total_exec_time desc""")) {
            while (rs.next()) {
                statements += rs.getLong(3);
                millis += rs.getDouble(4);
                if (top.size() < busiest) {
                    top.add(new Busiest(rs.getString(1), rs.getString(2).replaceAll("\\s+", " ").strip(), rs.getLong(3),
                            rs.getDouble(4), rs.getLong(5)));
                }
            }
        }
        List<TableRows> tables = new ArrayList<>();
        tables(after.keySet()).forEach((table, n) -> {
            long[] b = tablesBefore.getOrDefault(table, new long[4]);
            TableRows rows = new TableRows(table, n[0] - b[0], n[1] - b[1], n[2] - b[2], n[3] - b[3]);
            if (rows.total() > 0) {
                tables.add(rows);
            }
        });
        tables.sort((x, y) -> Long.compare(y.total(), x.total()));
        return new Window(statements, millis, delta, top, tables);
    }

    /** Each user table's row counters, as {@code database.table} -> inserted, updated, HOT updated, deleted. */
    private Map<String, long[]> tables(Iterable<String> databases) throws SQLException {
        Map<String, long[]> tables = new LinkedHashMap<>();
        for (String database : databases) {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                    postgres.password());
                 Statement query = db.createStatement();
                 ResultSet rs = query.executeQuery(
                         "select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del from pg_stat_user_tables")) {
                while (rs.next()) {
                    tables.put(database + "." + rs.getString(1),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        return tables;
    }

    /** Committed transactions per database (pg_stat_database is updated when a backend's transaction ends). */
    private Map<String, Long> commits() throws SQLException {
        Map<String, Long> commits = new LinkedHashMap<>();
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery(
                     "select s.datname, s.xact_commit from pg_stat_database s join pg_database d on d.oid = s.datid"
                             + " where not d.datistemplate and s.datname <> 'postgres' order by s.datname")) {
            while (rs.next()) {
                commits.put(rs.getString(1), rs.getLong(2));
            }
        }
        return commits;
    }

    /** The start of a normalised statement, short enough for a table cell. */
    static String shortQuery(String query, int max) {
        String q = query.replace('|', '/');
        return q.length() <= max ? q : q.substring(0, max - 1) + "…";
    }

    static String perReset(double value, long resets) {
        return String.format(Locale.ROOT, "%.2f", resets == 0 ? 0.0 : value / resets);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
