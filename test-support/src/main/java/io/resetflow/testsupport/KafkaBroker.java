package io.resetflow.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * listening on 127.0.0.1 only.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CONTROLLER_PORT_FILE = "controller.port";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private volatile boolean closed;

    private KafkaBroker(KafkaRaftServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Real single-node KRaft broker+controller in-process from the Apache Kafka jars; dataDir keeps the log
     * (reused if already formatted); port 0 = pick a free port.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        try {
            Path dir = dataDir.toAbsolutePath();
            Path logDir = dir.resolve("log");
            Files.createDirectories(logDir);
            int brokerPort = Ports.orFree(port);
            int controllerPort = controllerPort(dir, brokerPort);
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("num.partitions", "3");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("auto.create.topics.enable", "true");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.put("num.recovery.threads.per.data.dir", "1");
            props.put("background.threads", "4");
            props.put("controlled.shutdown.enable", "false");
            props.put("delete.topic.enable", "true");
            KafkaConfig config = KafkaConfig.fromProps(props, false);

            format(config, logDir);

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, brokerPort, dir);
            try {
                broker.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            log.info("Kafka broker ready at {} (data {})", broker.bootstrapServers(), dir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + dataDir, e);
        }
    }

    private static int controllerPort(Path dir, int brokerPort) throws IOException {
        Path file = dir.resolve(CONTROLLER_PORT_FILE);
        if (Files.exists(file)) {
            try {
                int previous = Integer.parseInt(Files.readString(file).trim());
                if (previous != brokerPort && Ports.isFree(previous)) {
                    return previous;
                }
            } catch (NumberFormatException ignored) {
                // rewrite below
            }
        }
        int controllerPort;
        do {
            controllerPort = Ports.free();
        } while (controllerPort == brokerPort);
        Files.writeString(file, Integer.toString(controllerPort));
        return controllerPort;
    }

    private static void format(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setIgnoreFormatted(true)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
                if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " not ready within " + timeout, last);
    }

    /** "127.0.0.1:&lt;port&gt;". */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
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
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker shutdown failed", e);
        }
    }
}
