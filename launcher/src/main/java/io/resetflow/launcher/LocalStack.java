package io.resetflow.launcher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.resetflow.testsupport.DevInbox;
import io.resetflow.testsupport.KafkaBroker;
import io.resetflow.testsupport.MailServer;
import io.resetflow.testsupport.Ports;
import io.resetflow.testsupport.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack: PostgreSQL, Kafka, the SMTP/POP3/IMAP capture, the dev inbox and the three services as child
 * JVMs. {@code ./run-local} runs it with {@link Config#defaults}; the end-to-end tests with {@link Config#freePorts}.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    public static final List<String> DATABASES = List.of("api", "token", "notifier");
    static final String LAUNCHER = "launcher";

    /** Ports and paths of one local stack. */
    public record Config(
            Path repoRoot,
            Path stateDir,
            boolean fresh,
            boolean startServices,
            int postgresPort,
            int kafkaPort,
            int smtpPort,
            int pop3Port,
            int imapPort,
            int inboxPort,
            int apiPort,
            int tokenPort,
            int notifierPort,
            Duration healthTimeout,
            boolean echoLogs) {

        public Config {
            Objects.requireNonNull(repoRoot, "repoRoot");
            repoRoot = repoRoot.toAbsolutePath().normalize();
            stateDir = stateDir == null ? repoRoot.resolve(".run") : stateDir.toAbsolutePath().normalize();
            healthTimeout = healthTimeout == null ? Duration.ofMinutes(3) : healthTimeout;
        }

        /** The fixed local ports of DESIGN.md section 5, state under {@code <repoRoot>/.run}. */
        public static Config defaults(Path repoRoot, boolean fresh) {
            return new Config(repoRoot, null, fresh, true, 5432, 9092, 3025, 3110, 3143, 8025, 8080, 8081, 8082,
                    Duration.ofMinutes(3), true);
        }

        /** Free ports everywhere and a fresh state directory: runs next to a developer's ./run-local. */
        public static Config freePorts(Path repoRoot, Path stateDir) {
            List<Integer> ports = distinctFreePorts(9);
            return new Config(repoRoot, stateDir, true, true, ports.get(0), ports.get(1), ports.get(2), ports.get(3),
                    ports.get(4), ports.get(5), ports.get(6), ports.get(7), ports.get(8), Duration.ofMinutes(4),
                    false);
        }

        public Config withServices(boolean start) {
            return new Config(repoRoot, stateDir, fresh, start, postgresPort, kafkaPort, smtpPort, pop3Port,
                    imapPort, inboxPort, apiPort, tokenPort, notifierPort, healthTimeout, echoLogs);
        }

        public Config withEchoLogs(boolean echo) {
            return new Config(repoRoot, stateDir, fresh, startServices, postgresPort, kafkaPort, smtpPort, pop3Port,
                    imapPort, inboxPort, apiPort, tokenPort, notifierPort, healthTimeout, echo);
        }

        public Config withHealthTimeout(Duration timeout) {
            return new Config(repoRoot, stateDir, fresh, startServices, postgresPort, kafkaPort, smtpPort, pop3Port,
                    imapPort, inboxPort, apiPort, tokenPort, notifierPort, timeout, echoLogs);
        }

        public Path pidDir() {
            return stateDir.resolve("pids");
        }

        public Path logDir() {
            return stateDir.resolve("logs");
        }

        public Path postgresDir() {
            return stateDir.resolve("postgres");
        }

        public Path kafkaDir() {
            return stateDir.resolve("kafka");
        }

        /** Every TCP port this stack binds (services only when started). */
        public Map<String, Integer> ports() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("PostgreSQL", postgresPort);
            ports.put("Kafka", kafkaPort);
            ports.put("SMTP", smtpPort);
            ports.put("POP3", pop3Port);
            ports.put("IMAP", imapPort);
            ports.put("dev inbox", inboxPort);
            if (startServices) {
                ports.put("api-service", apiPort);
                ports.put("token-service", tokenPort);
                ports.put("notifier-service", notifierPort);
            }
            return ports;
        }

        private static List<Integer> distinctFreePorts(int count) {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                int port = Ports.free();
                if (!ports.contains(port)) {
                    ports.add(port);
                }
            }
            return ports;
        }
    }

    /** One service of the stack. */
    record Service(String name, int port, String database) {
    }

    private final Config config;
    private final PidFiles pids;
    private final List<AutoCloseable> infrastructure = new ArrayList<>(); // in start order
    private final Map<String, Process> children = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Thread> echoThreads = new ArrayList<>();
    private final Thread shutdownHook;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailServer mail;
    private DevInbox inbox;
    private volatile boolean closed;

    private LocalStack(Config config) {
        this.config = config;
        this.pids = new PidFiles(config.pidDir());
        this.shutdownHook = new Thread(this::close, "local-stack-stop");
    }

    /** Starts everything and waits until every service is healthy; on failure stops what started and throws. */
    public static LocalStack start(Config config) {
        LocalStack stack = new LocalStack(config);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.doStart();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void doStart() {
        long started = System.nanoTime();
        refuseIfAnotherLauncherRuns();
        List<String> stopped = pids.stopLeftovers(LAUNCHER);
        if (Files.isDirectory(config.postgresDir()) && PostgresServer.stopLeftover(config.postgresDir())) {
            stopped.add("postgres");
        }
        if (!stopped.isEmpty()) {
            log.info("Stopped leftovers of a previous run: {}", stopped);
        }
        if (config.fresh()) {
            log.info("--fresh: wiping {}", config.stateDir());
            deleteRecursively(config.stateDir());
        }
        createDirectories(config.stateDir(), config.pidDir(), config.logDir());
        pids.record(LAUNCHER, ProcessHandle.current().pid(), ownMarker());
        requirePortsFree();

        List<Service> services = services();
        if (config.startServices()) {
            for (Service service : services) {
                jar(service); // fail before starting anything when a jar is missing
            }
        }

        postgres = PostgresServer.start(config.postgresDir(), config.postgresPort());
        infrastructure.add(postgres);
        postgres.postmasterPid().ifPresent(pid -> pids.record("postgres", pid, "postgres"));
        for (String database : DATABASES) {
            postgres.createDatabaseIfMissing(database);
        }
        kafka = KafkaBroker.start(config.kafkaDir(), config.kafkaPort());
        infrastructure.add(kafka);
        mail = MailServer.start(config.smtpPort(), config.pop3Port(), config.imapPort());
        infrastructure.add(mail);
        inbox = DevInbox.start(config.inboxPort(), mail::messages);
        infrastructure.add(inbox);

        if (config.startServices()) {
            for (Service service : services) {
                startService(service);
            }
            awaitHealthy(services);
        }
        log.info("Local stack ready in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private void refuseIfAnotherLauncherRuns() {
        Optional<ProcessHandle> other = pids.live(LAUNCHER);
        if (other.isPresent()) {
            throw new IllegalStateException("Another launcher is running on " + config.stateDir() + " (pid "
                    + other.get().pid() + "). Stop it first (Ctrl-C in its terminal, or kill " + other.get().pid()
                    + ").");
        }
    }

    private static String ownMarker() {
        String commandLine = ProcessHandle.current().info().commandLine().orElse("java");
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(commandLine.length() - 120);
    }

    private void requirePortsFree() {
        List<String> busy = new ArrayList<>();
        config.ports().forEach((what, port) -> {
            if (!Ports.isFree(port)) {
                busy.add(what + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Port(s) already in use: " + String.join(", ", busy)
                    + ". Is another ./run-local (or a local PostgreSQL/Kafka) running? Stop it and retry.");
        }
    }

    List<Service> services() {
        return List.of(
                new Service("api-service", config.apiPort(), "api"),
                new Service("token-service", config.tokenPort(), "token"),
                new Service("notifier-service", config.notifierPort(), "notifier"));
    }

    /** {@code <repo>/<svc>/target/<svc>-<version>-exec.jar}. */
    Path jar(Service service) {
        Path target = config.repoRoot().resolve(service.name()).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, service.name() + "-*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No " + service.name() + "-*-exec.jar in " + target
                + ": build first (./mvnw -DskipTests install, or just ./run-local)");
    }

    /**
     * JVM options of every service JVM, before {@code RESETFLOW_SERVICE_JAVA_OPTS} (which may override them, e.g.
     * {@code -XX:TieredStopAtLevel=4}). The local stack puts three service JVMs, the broker and PostgreSQL on one
     * machine, often with two cores: there C2 compilation took 35-60 % of each service's CPU for minutes after the
     * start (bench profiles), and the client compiler alone, with the serial collector of a small heap, carried
     * about twice the resets per second. Long-running deployments with cores to spare keep the JVM's defaults.
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The command line of a service's child JVM. */
    List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.addAll(SERVICE_JVM_OPTIONS);
        String extra = System.getenv("RESETFLOW_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar(service).toString());
        command.add("--spring.profiles.active=local");
        properties(service).forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** The configuration handed to a service. */
    Map<String, String> properties(Service service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(service.port()));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + config.kafkaPort());
        properties.put("spring.datasource.url",
                "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + service.database());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        switch (service.name()) {
            case "api-service" -> {
                properties.put("resetflow.token-service.url", "http://127.0.0.1:" + config.tokenPort());
                properties.put("resetflow.notifier-service.url", "http://127.0.0.1:" + config.notifierPort());
                properties.put("resetflow.local.link-base-url", "http://127.0.0.1:" + config.apiPort());
            }
            case "notifier-service" -> {
                properties.put("spring.mail.host", "127.0.0.1");
                properties.put("spring.mail.port", Integer.toString(config.smtpPort()));
                // the dev inbox implements Twilio's create-message route: SMS land next to the mail
                properties.put("resetflow.sms.twilio-base-url", "http://127.0.0.1:" + config.inboxPort());
            }
            default -> {
            }
        }
        return properties;
    }

    private void startService(Service service) {
        Path logFile = config.logDir().resolve(service.name() + ".log");
        List<String> command = command(service);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "local");
        try {
            Files.writeString(logFile, "==== " + java.time.Instant.now() + " starting " + service.name() + " on port "
                    + service.port() + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long offset = Files.size(logFile);
            Process process = builder.start();
            children.put(service.name(), process);
            pids.record(service.name(), process.pid(), jar(service).toString());
            log.info("Started {} (pid {}) on port {}, log {}", service.name(), process.pid(), service.port(),
                    config.repoRoot().relativize(logFile));
            if (config.echoLogs()) {
                echo(service.name(), logFile, offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.name(), e);
        }
    }

    private void awaitHealthy(List<Service> services) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + config.healthTimeout().toNanos();
        List<Service> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (Service service : List.copyOf(pending)) {
                Process process = children.get(service.name());
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited with code " + process.exitValue()
                            + " before it became healthy. Last lines of " + logOf(service) + ":\n"
                            + tail(config.logDir().resolve(service.name() + ".log"), 40));
                }
                if (healthy(http, service)) {
                    log.info("{} is UP at http://127.0.0.1:{}", service.name(), service.port());
                    pending.remove(service);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Not healthy within " + config.healthTimeout().toSeconds()
                        + " s: ");
                message.append(String.join(", ", pending.stream().map(Service::name).toList()));
                for (Service service : pending) {
                    message.append("\n---- last lines of ").append(logOf(service)).append(":\n")
                            .append(tail(config.logDir().resolve(service.name() + ".log"), 40));
                }
                throw new IllegalStateException(message.toString());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private String logOf(Service service) {
        return config.logDir().resolve(service.name() + ".log").toString();
    }

    private static boolean healthy(HttpClient http, Service service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Echoes the interesting lines of a service log to the console, prefixed with the service name. */
    private void echo(String name, Path logFile, long offset) {
        Thread thread = new Thread(() -> {
            long position = offset;
            StringBuilder partial = new StringBuilder();
            while (!closed) {
                try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
                    if (file.length() > position) {
                        file.seek(position);
                        byte[] bytes = new byte[(int) Math.min(file.length() - position, 1 << 20)];
                        file.readFully(bytes);
                        position += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                            String line = partial.substring(0, newline);
                            partial.delete(0, newline + 1);
                            if (interesting(line)) {
                                System.out.println("[" + name + "] " + line);
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // retry
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            }
        }, "echo-" + name);
        thread.setDaemon(true);
        thread.start();
        echoThreads.add(thread);
    }

    static boolean interesting(String line) {
        return line.contains(" ERROR ") || line.contains(" WARN ") || line.contains("Started ")
                || line.startsWith("Caused by") || line.startsWith("APPLICATION FAILED");
    }

    public Config config() {
        return config;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + config.apiPort();
    }

    public String tokenServiceUrl() {
        return "http://127.0.0.1:" + config.tokenPort();
    }

    public String notifierUrl() {
        return "http://127.0.0.1:" + config.notifierPort();
    }

    public String devInboxUrl() {
        return "http://127.0.0.1:" + config.inboxPort();
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + config.kafkaPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + database;
    }

    public MailServer mail() {
        return mail;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The pids of the running service JVMs by service name. */
    public Map<String, Long> servicePids() {
        Map<String, Long> result = new LinkedHashMap<>();
        synchronized (children) {
            children.forEach((name, process) -> result.put(name, process.pid()));
        }
        return result;
    }

    /** What ./run-local prints once ready. */
    public String banner() {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append(nl).append("resetflow is running. Ctrl-C stops everything.").append(nl).append(nl);
        if (config.startServices()) {
            b.append("  api-service       ").append(apiUrl()).append("  (/v1/..., /reset/{token}, /admin)").append(nl);
            b.append("  OpenAPI           ").append(apiUrl()).append("/v3/api-docs  ").append(apiUrl())
                    .append("/swagger-ui.html").append(nl);
            b.append("  token-service     ").append(tokenServiceUrl()).append("/actuator/health").append(nl);
            b.append("  notifier-service  ").append(notifierUrl()).append("/actuator/health").append(nl);
        }
        b.append("  dev inbox         ").append(devInboxUrl()).append("  (JSON: ").append(devInboxUrl())
                .append("/api/messages)").append(nl);
        b.append("  SMS capture       ").append(devInboxUrl()).append("/api/sms  (Twilio-compatible: ")
                .append(devInboxUrl()).append("/2010-04-01/Accounts/{sid}/Messages.json)").append(nl);
        b.append("  Kafka             ").append(kafkaBootstrapServers()).append(nl);
        b.append("  PostgreSQL        127.0.0.1:").append(config.postgresPort())
                .append("  (databases api, token, notifier; user postgres / postgres)").append(nl);
        b.append("  SMTP capture      127.0.0.1:").append(config.smtpPort()).append("  POP3 127.0.0.1:")
                .append(config.pop3Port()).append("  IMAP 127.0.0.1:").append(config.imapPort())
                .append("  (user = recipient address, any password)").append(nl);
        b.append("  logs              ").append(config.logDir()).append(nl).append(nl);
        if (!config.startServices()) {
            return b.append("(infrastructure only: no service started)").append(nl).toString();
        }
        b.append("Admin console: ").append(apiUrl()).append("/admin  (admin@demo.local / demo-admin-local)")
                .append(nl);
        b.append("Try it:").append(nl);
        b.append("  curl -X POST ").append(apiUrl()).append("/v1/password-resets -H 'Authorization: rf_pub_demo_local'"
                + " -H 'Content-Type: application/json' -d '{\"EmailAddress\":\"alice@example.com\"}'").append(nl);
        b.append("then open ").append(devInboxUrl()).append(" and click the link.").append(nl);
        return b.toString();
    }

    /** Stops the services (destroy, wait, destroyForcibly), then the dev inbox, mail capture, Kafka, PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        List<Map.Entry<String, Process>> running;
        synchronized (children) {
            running = new ArrayList<>(children.entrySet());
        }
        Collections.reverse(running);
        for (Map.Entry<String, Process> child : running) {
            child.getValue().toHandle().descendants().forEach(ProcessHandle::destroy);
            child.getValue().destroy();
        }
        for (Map.Entry<String, Process> child : running) {
            PidFiles.stop(child.getValue().toHandle(), 20);
            pids.remove(child.getKey());
        }
        List<AutoCloseable> reversed = new ArrayList<>(infrastructure);
        Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (postgres != null) {
            PostgresServer.stopLeftover(config.postgresDir());
            pids.remove("postgres");
        }
        pids.remove(LAUNCHER);
        log.info("Local stack stopped");
    }

    private static void createDirectories(Path... dirs) {
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }
}
