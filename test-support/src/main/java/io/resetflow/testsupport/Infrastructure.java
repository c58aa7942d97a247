package io.resetflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One set of infrastructure per JVM for integration tests, started lazily once and stopped by a shutdown hook.
 * Uses Testcontainers (Kafka, PostgreSQL) when a Docker engine answers, otherwise the embedded {@link KafkaBroker}
 * and {@link PostgresServer}. Never skips.
 *
 * <p>The choice can be forced with the system property or environment variable {@code resetflow.infrastructure}
 * / {@code RESETFLOW_INFRASTRUCTURE} = {@code embedded} or {@code testcontainers}.
 */
public final class Infrastructure {
    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private static volatile Infrastructure shared;

    private final String kafkaBootstrapServers;
    private final String jdbcBase; // jdbc:postgresql://host:port/
    private final String username;
    private final String password;
    private final String adminJdbcUrl;
    private final String mode;

    private Infrastructure(String mode, String kafkaBootstrapServers, String jdbcBase, String adminDatabase,
            String username, String password) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.jdbcBase = jdbcBase;
        this.username = username;
        this.password = password;
        this.adminJdbcUrl = jdbcBase + adminDatabase;
    }

    /** The infrastructure of this JVM, started on first use. */
    public static Infrastructure shared() {
        Infrastructure local = shared;
        if (local == null) {
            synchronized (Infrastructure.class) {
                local = shared;
                if (local == null) {
                    local = start();
                    shared = local;
                }
            }
        }
        return local;
    }

    private static Infrastructure start() {
        String forced = setting("resetflow.infrastructure");
        boolean docker;
        if ("embedded".equalsIgnoreCase(forced)) {
            docker = false;
        } else if ("testcontainers".equalsIgnoreCase(forced)) {
            docker = true;
        } else {
            docker = dockerAvailable();
        }
        long started = System.nanoTime();
        Infrastructure infrastructure = docker ? Containers.start() : startEmbedded();
        log.info("Test infrastructure ({}) ready in {} ms: Kafka {}, PostgreSQL {}", infrastructure.mode,
                (System.nanoTime() - started) / 1_000_000, infrastructure.kafkaBootstrapServers,
                infrastructure.adminJdbcUrl);
        return infrastructure;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null ? "" : value.trim();
    }

    /** True when Testcontainers finds a working Docker engine; never throws. */
    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            log.debug("no Docker engine: {}", t.toString());
            return false;
        }
    }

    private static Infrastructure startEmbedded() {
        Path kafkaDir;
        try {
            kafkaDir = Files.createTempDirectory("resetflow-kafka-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PostgresServer postgres = PostgresServer.start(null, 0);
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(kafkaDir, 0);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
            deleteRecursively(kafkaDir);
        }, "resetflow-infrastructure-stop"));
        return new Infrastructure("embedded", kafka.bootstrapServers(),
                "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/", "postgres",
                postgres.username(), postgres.password());
    }

    /** Kept in its own class so that Testcontainers classes load only when Docker is used. */
    private static final class Containers {
        static Infrastructure start() {
            org.testcontainers.kafka.KafkaContainer kafka = new org.testcontainers.kafka.KafkaContainer(KAFKA_IMAGE);
            org.testcontainers.postgresql.PostgreSQLContainer postgres =
                    new org.testcontainers.postgresql.PostgreSQLContainer(POSTGRES_IMAGE)
                            .withDatabaseName("postgres").withUsername("postgres").withPassword("postgres");
            kafka.start();
            try {
                postgres.start();
            } catch (RuntimeException e) {
                kafka.stop();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                postgres.stop();
            }, "resetflow-infrastructure-stop"));
            return new Infrastructure("testcontainers", kafka.getBootstrapServers(),
                    "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/", "postgres",
                    postgres.getUsername(), postgres.getPassword());
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The JDBC URL of {@code database}; creates the database if missing. */
    public String jdbcUrl(String database) {
        createDatabaseIfMissing(database);
        return jdbcBase + database;
    }

    public String dbUsername() {
        return username;
    }

    public String dbPassword() {
        return password;
    }

    /** "embedded" or "testcontainers". */
    public String mode() {
        return mode;
    }

    /** spring.kafka.bootstrap-servers, spring.datasource.url/username/password for that database. */
    public Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("spring.datasource.url", jdbcUrl(database));
        properties.put("spring.datasource.username", dbUsername());
        properties.put("spring.datasource.password", dbPassword());
        return properties;
    }

    /**
     * Cuts a service off its database, or lets it back, as a restart or failover does: while unreachable its sessions
     * are terminated and new ones refused ({@code allow_connections}); the data stays.
     */
    public void databaseReachable(String database, boolean reachable) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        try (Connection admin = DriverManager.getConnection(adminJdbcUrl, username, password);
             java.sql.Statement statement = admin.createStatement()) {
            statement.execute("alter database " + database + " allow_connections " + reachable);
            if (!reachable) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make database " + database + (reachable ? " reachable" : " unreachable"), e);
        }
    }

    private synchronized void createDatabaseIfMissing(String name) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password)) {
            PostgresServer.createDatabaseIfMissing(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
