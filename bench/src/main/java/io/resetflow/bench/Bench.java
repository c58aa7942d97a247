package io.resetflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.resetflow.launcher.LocalStack;
import io.resetflow.testsupport.PostgresServer;

/**
 * One command, five figures: (1) a bare Kafka three-hop relay on the stack's broker, (2) resetflow end to end on the
 * local stack as ./run-local starts it, (3) their ratio, (4) per-stage timers, CPU, heap and RSS of the service JVMs
 * and a JFR profile, (5) the audit replay rate. Prints a Markdown table on stdout and writes JSON under bench/target.
 * The load targets 127.0.0.1 only, is bounded in requests and time, and stops by itself.
 */
public final class Bench {
    static final List<String> SERVICES = List.of("api-service", "token-service", "notifier-service");
    /** PostgreSQL's name among the parts whose CPU the bench counts. */
    static final String POSTGRES_PART = "postgres";
    /**
     * The parts a deployment runs for resetflow itself; the broker, the SMTP server and the load generator share this
     * machine's cores only because the bench has one machine.
     */
    static final List<String> OWN_PARTS = Stream.concat(SERVICES.stream(), Stream.of(POSTGRES_PART)).toList();

    private final Options options;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Path runDir;

    Bench(Options options) {
        this.options = options;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        this.runDir = options.out().resolve("bench-" + stamp);
    }

    public static void main(String[] args) throws Exception {
        int status = run(List.of(args));
        System.exit(status);
    }

    /** Runs everything; returns 0 when the run completed (whatever the figures), 2 for a usage error. */
    public static int run(List<String> args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, Path.of(System.getProperty("resetflow.repo", ".")));
        } catch (IllegalArgumentException e) {
            if (!"usage".equals(e.getMessage())) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.print(Options.usage());
            return 2;
        }
        new Bench(options).execute();
        return 0;
    }

    void execute() throws Exception {
        Files.createDirectories(runDir.resolve("profile"));
        json.put("date", Instant.now().toString());
        json.put("conditions", conditions("start"));
        json.put("options", optionsJson());
        RelayBaseline.Result saturated = null;
        double e2eRate = -1;
        if (options.baseline() || options.endToEnd()) {
            Path state = options.out().resolve("stack");
            Path jars = options.out().resolve("service-jars");
            Map<String, String> used = JarSnapshot.prepare(options.jarsFrom(), jars, SERVICES);
            json.put("serviceJars", used);
            used.forEach((service, jar) -> log(service + ": " + jar));
            used.forEach((service, jar) -> notes.add(service + " jar: " + jar));
            if (options.profile()) {
                // which statements a reset costs PostgreSQL (StatementStats); the extension adds a little to each one
                System.setProperty(PostgresServer.STATEMENT_STATS, "true");
            }
            log("starting the local stack (state " + state + ") ...");
            try (LocalStack stack = LocalStack.start(LocalStack.Config.freePorts(jars, state)
                    .withHealthTimeout(Duration.ofMinutes(6)))) {
                log("stack up: api " + stack.apiUrl() + ", kafka " + stack.kafkaBootstrapServers());
                if (options.baseline()) {
                    saturated = baseline(stack);
                }
                if (options.endToEnd()) {
                    e2eRate = endToEnd(stack);
                }
            }
        }
        if (saturated != null && e2eRate >= 0) {
            double ratio = e2eRate / saturated.messagesPerSecond();
            json.put("ratio", Map.of("e2eResetsPerSecond", e2eRate, "relayMessagesPerSecond", saturated.messagesPerSecond(),
                    "ratio", ratio));
            row("3", "resetflow resets/s (all emails ÷ time to the last one) ÷ relay messages/s (saturated)", String.format(Locale.ROOT, "%.3f (%.0f ÷ %.0f)", ratio, e2eRate,
                    saturated.messagesPerSecond()), "");
        }
        if (options.audit()) {
            log("audit: writing " + options.auditEvents() + " events to a standalone broker, then replaying ...");
            AuditReplay.Result audit = AuditReplay.run(options.out().resolve("audit-kafka"), options.auditEvents());
            json.put("audit", audit.json());
            row("5", "audit replay (`replay --format csv`, in-process, output discarded)",
                    String.format(Locale.ROOT, "%,d events in %.1f s = **%,.0f events/s** (exit %d; written at %,.0f/s)",
                            audit.events(), audit.replaySeconds(), audit.eventsPerSecond(), audit.exitCode(),
                            audit.events() / audit.writeSeconds()), "");
            deleteRecursively(options.out().resolve("audit-kafka"));
        }
        json.put("conditionsAtEnd", conditions("end"));
        print();
    }

    // ---------------------------------------------------------------- 1. baseline

    private RelayBaseline.Result baseline(LocalStack stack) throws Exception {
        RelayBaseline relay = new RelayBaseline(stack.kafkaBootstrapServers());
        log("baseline: saturated relay, " + options.baselineMessages() + " messages ...");
        RelayBaseline.Result saturated = relay.run("sat", options.baselineMessages(), 0, Duration.ofMinutes(3));
        long pacedSeconds = Math.min(options.duration().toSeconds(), 20);
        log("baseline: paced relay at " + options.rate() + "/s for " + pacedSeconds + " s ...");
        RelayBaseline.Result paced = relay.run("paced", Math.round(options.rate() * pacedSeconds), options.rate(),
                Duration.ofSeconds(pacedSeconds + 60));
        json.put("baseline", Map.of("saturated", saturated.json(), "paced", paced.json()));
        row("1", "Kafka 3-hop relay, saturated (" + fmt(saturated.messages()) + " msgs)",
                String.format(Locale.ROOT, "**%,.0f msgs/s**; latency p50/p95/p99/max %s ms", saturated.messagesPerSecond(),
                        saturated.latency().millis()), "ceiling");
        row("1", String.format(Locale.ROOT, "Kafka 3-hop relay at %,.0f/s for %d s", options.rate(), pacedSeconds),
                String.format(Locale.ROOT, "%,.0f msgs/s; latency p50/p95/p99/max **%s ms**", paced.messagesPerSecond(),
                        paced.latency().millis()), "");
        return saturated;
    }

    // ---------------------------------------------------------------- 2. end to end

    private double endToEnd(LocalStack stack) throws Exception {
        // The SMTP server still receives, parses and captures every email; only GreenMail's filing for POP3/IMAP is off
        // (nobody reads those mailboxes here; its IMAP indexing cost more CPU than the rest of the capture).
        stack.mail().fileInMailboxes(false);
        EndToEnd e2e = new EndToEnd(stack.apiUrl(), stack.mail());
        StatementStats pgStats = options.profile() ? StatementStats.open(stack.postgres()) : null;
        try {
            e2e.raiseLimits();
            log("creating " + options.users() + " + " + options.warmupUsers() + " users through the admin API ...");
            double usersPerSecond = e2e.createUsers("bench", options.users(), 32);
            e2e.createUsers("warm", options.warmupUsers(), 16);
            json.put("userCreationPerSecond", usersPerSecond);

            // JIT compilation of three Spring services takes a good share of both cores in their first minute: warm up
            // at a pace the stack can carry (by default), long enough, so that the load measures the services and not
            // the compilers
            double warmRate = options.warmupRate();
            Map<String, Long> pids = stack.servicePids();
            Profiler profiler = new Profiler(runDir.resolve("profile"), pids);
            if (options.profile()) {
                // Starting a recording costs each JVM a burst of CPU: started with the load, it held back the first
                // 10-15 s of it (at 60/s the request -> email p95 went from 0.1 s to 7 s). It starts before the warm-up;
                // the summaries count only the events from the start of the load.
                profiler.start();
            }
            log("warm-up: " + warmRate + "/s for " + options.warmup().toSeconds() + " s ...");
            EndToEnd.Load warm = e2e.run("warm", options.warmupUsers(), warmRate, options.warmup(), options.maxConcurrency(),
                    options.answerTimeout());
            e2e.drain("warm", warm.accepted.get(), Duration.ofSeconds(15), Duration.ofSeconds(90));
            json.put("warmup", Map.of("accepted", warm.accepted.get(), "statuses", e2e.statusJson(warm)));

            long postgresPid = stack.postgres().postmasterPid().orElse(-1L);
            HttpClient scrapeClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            Map<String, String> urls = Map.of("api-service", stack.apiUrl(), "token-service", stack.tokenServiceUrl(),
                    "notifier-service", stack.notifierUrl());
            Map<String, Map<String, Double>> promBefore = new LinkedHashMap<>();
            SERVICES.forEach(s -> promBefore.put(s, Prometheus.scrape(scrapeClient, urls.get(s))));
            Map<String, Double> cpuBefore = cpu(pids, postgresPid);
            Map<String, Long> brokerBefore = BenchJvm.brokerRequests();
            boolean pgCounting = pgStats != null && pgStatsStart(pgStats);
            long windowStart = System.nanoTime();
            java.time.Instant loadStart = java.time.Instant.now();
            Sampler sampler = new Sampler(scrapeClient, urls, pids, profiler, options.profile(), options.duration());
            Thread samplerThread = new Thread(sampler, "bench-sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();

            log(String.format(Locale.ROOT, "load: %,.0f requests/s for %d s over %,d users (max %d in flight) ...",
                    options.rate(), options.duration().toSeconds(), options.users(), options.maxConcurrency()));
            EndToEnd.Load load = e2e.run("bench", options.users(), options.rate(), options.duration(),
                    options.maxConcurrency(), options.answerTimeout());
            long loadEnd = System.nanoTime();
            log("load done: " + load.sent + " sent, " + load.accepted.get() + " accepted, " + load.capped
                    + " capped; waiting for the emails ...");
            EndToEnd.Drained drained = e2e.drain("bench", load.accepted.get(), Duration.ofSeconds(30), options.drainMax());
            List<EmailMatcher.Email> emails = drained.emails();
            long windowEnd = System.nanoTime();
            sampler.stop();
            samplerThread.join(10_000);
            Map<String, Double> cpuAfter = cpu(pids, postgresPid);
            Map<String, Long> brokerAfter = BenchJvm.brokerRequests();
            StatementStats.Window pgWindow = pgCounting ? pgStatsWindow(pgStats) : null;
            Map<String, Map<String, Double>> promAfter = new LinkedHashMap<>();
            SERVICES.forEach(s -> promAfter.put(s, Prometheus.scrape(scrapeClient, urls.get(s))));
            Map<String, Map<String, Object>> profile = options.profile() ? profiler.stopAndSummarise(loadStart) : Map.of();

            EmailMatcher.Result match = EmailMatcher.match(new ArrayList<>(load.acceptedRequests), emails);
            List<Integer> perSecond = EndToEnd.perSecond(emails, load.startedEpochMicros);
            double loadSeconds = options.duration().toMillis() / 1000.0;
            double sustained = EndToEnd.sustained(perSecond, loadSeconds);
            double acceptedPerSecond = load.accepted.get() / load.sendSeconds;
            double completionSeconds = match.lastEmailMicros() > 0
                    ? (match.lastEmailMicros() - load.startedEpochMicros) / 1e6 : Double.NaN;
            LatencyStats.Summary intake = load.intake.summary();
            LatencyStats.Summary toEmail = match.latencies().summary();
            double windowSeconds = (windowEnd - windowStart) / 1e9;

            Map<String, Object> e = new LinkedHashMap<>();
            e.put("offeredRate", options.rate());
            e.put("planned", load.planned);
            e.put("sent", load.sent);
            e.put("cappedByClientConcurrency", load.capped);
            e.put("accepted", load.accepted.get());
            e.put("statuses", e2e.statusJson(load));
            e.put("sampleErrors", load.sampleErrors);
            e.put("sendSeconds", load.sendSeconds);
            e.put("acceptedPerSecond", acceptedPerSecond);
            e.put("emailsCaptured", emails.size());
            e.put("drainStopped", drained.stoppedBecause());
            e.put("drainSeconds", drained.seconds());
            e.put("emailsMatched", match.matched());
            e.put("requestsWithoutEmail", match.lost());
            e.put("emailsWithoutRequest", match.extra());
            e.put("emailsPerSecondSustained", sustained);
            e.put("lastEmailAfterSeconds", completionSeconds);
            e.put("emailsPerSecondOverall", Double.isNaN(completionSeconds) ? 0 : match.matched() / completionSeconds);
            e.put("emailsPerSecondSeries", perSecond);
            e.put("intakeLatency", intake.json());
            e.put("requestToEmailLatency", toEmail.json());
            json.put("endToEnd", e);

            row("2", String.format(Locale.ROOT, "offered %,.0f/s × %d s to %,d users: sent / accepted (200) / capped / other",
                            options.rate(), options.duration().toSeconds(), options.users()),
                    String.format(Locale.ROOT, "%,d / %,d / %,d / %s", load.sent, load.accepted.get(), load.capped,
                            others(load)), "");
            row("2", "accepted requests/s (intake)", String.format(Locale.ROOT, "**%,.0f/s**", acceptedPerSecond), "≥ 1,000/s");
            row("2", "resets/s reaching SMTP (mean over 10–90 % of the load window)",
                    String.format(Locale.ROOT, "**%,.0f/s** (all %,d emails in %.1f s after the first request: %,.0f/s)", sustained,
                            match.matched(), completionSeconds, Double.isNaN(completionSeconds) ? 0 : match.matched() / completionSeconds),
                    "≥ 1,000/s");
            row("2", "intake HTTP answer p50 / p95 / p99 / max (from when each request was due)",
                    "**" + intake.millis() + " ms**", "p99 ≤ 50 ms");
            row("2", "request → email captured p50 / p95 / p99 / max", "**" + toEmail.millis() + " ms**", "p99 ≤ 500 ms");
            row("2", "emails vs accepted requests: matched / requests without email / emails without request",
                    String.format(Locale.ROOT, "%,d / %,d / %,d (captured %,d; waited %.0f s after the load: %s)", match.matched(),
                            match.lost(), match.extra(), emails.size(), drained.seconds(), drained.stoppedBecause()),
                    "0 lost, 0 doubled");

            perService(pids, postgresPid, cpuBefore, cpuAfter, windowSeconds, sampler, promBefore, promAfter, profile);
            perReset(cpuBefore, cpuAfter, load.accepted.get());
            brokerRequests(brokerBefore, brokerAfter, windowSeconds, load.accepted.get());
            if (pgWindow != null) {
                postgresStatements(pgWindow, load.accepted.get());
            }
            // the ratio uses what went through: emails over the time from the first request to the last email
            return Double.isNaN(completionSeconds) ? 0 : match.matched() / completionSeconds;
        } finally {
            e2e.close();
            if (pgStats != null) {
                pgStats.close();
            }
        }
    }

    /** The statistics are a diagnosis: when they cannot be read the run goes on without them. */
    private boolean pgStatsStart(StatementStats stats) {
        try {
            stats.start();
            return true;
        } catch (java.sql.SQLException e) {
            log("PostgreSQL statistics not started: " + e.getMessage());
            return false;
        }
    }

    private StatementStats.Window pgStatsWindow(StatementStats stats) {
        try {
            return stats.stop(6);
        } catch (java.sql.SQLException e) {
            log("PostgreSQL statistics not read: " + e.getMessage());
            return null;
        }
    }

    /** What PostgreSQL did for the window's resets, by its own statistics (see {@link StatementStats}). */
    private void postgresStatements(StatementStats.Window window, long accepted) {
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("statements", window.statements());
        pg.put("executionMillis", window.executionMillis());
        pg.put("commitsByDatabase", window.commitsByDatabase());
        pg.put("busiest", window.busiest().stream().map(b -> Map.of("database", b.database(), "query", b.query(),
                "calls", b.calls(), "totalMillis", b.totalMillis(), "rows", b.rows())).toList());
        pg.put("tables", window.tables().stream().map(r -> Map.of("table", r.table(), "inserted", r.inserted(),
                "updated", r.updated(), "hotUpdated", r.hotUpdated(), "deleted", r.deleted())).toList());
        json.put("postgresStatements", pg);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s statements per reset, %s ms of execution per reset; commits per reset:",
                StatementStats.perReset(window.statements(), accepted), StatementStats.perReset(window.executionMillis(), accepted)));
        window.commitsByDatabase().forEach((db, n) -> text.append(' ').append(db).append(' ')
                .append(StatementStats.perReset(n, accepted)));
        text.append("; rows per reset inserted / updated (HOT) / deleted:");
        window.tables().stream().limit(6).forEach(r -> text.append(String.format(Locale.ROOT, " %s %s / %s (%s) / %s;", r.table(),
                StatementStats.perReset(r.inserted(), accepted), StatementStats.perReset(r.updated(), accepted),
                StatementStats.perReset(r.hotUpdated(), accepted), StatementStats.perReset(r.deleted(), accepted))));
        text.append(" most execution time:");
        window.busiest().forEach(b -> text.append(String.format(Locale.ROOT, " %s `%s` %s per reset × %.0f µs;", b.database(),
                StatementStats.shortQuery(b.query(), 70), StatementStats.perReset(b.calls(), accepted),
                b.calls() == 0 ? 0.0 : b.totalMillis() * 1000 / b.calls())));
        row("4", "PostgreSQL during load + drain (pg_stat_statements)", text.toString(), "");
    }

    private static String others(EndToEnd.Load load) {
        StringBuilder b = new StringBuilder();
        load.statuses.forEach((status, n) -> {
            if (!"200".equals(status)) {
                b.append(b.length() == 0 ? "" : ", ").append(status).append(": ").append(n.get());
            }
        });
        return b.length() == 0 ? "0" : b.toString();
    }

    private void perService(Map<String, Long> pids, long postgresPid, Map<String, Double> cpuBefore, Map<String, Double> cpuAfter,
                            double windowSeconds, Sampler sampler, Map<String, Map<String, Double>> promBefore,
                            Map<String, Map<String, Double>> promAfter, Map<String, Map<String, Object>> profile) {
        Map<String, Object> stages = new LinkedHashMap<>();
        StringBuilder cpuText = new StringBuilder();
        for (String part : cpuAfter.keySet()) {
            double used = cpuAfter.get(part) - cpuBefore.getOrDefault(part, 0.0);
            cpuText.append(cpuText.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.0f s (%.0f %%)", part, used,
                    100 * used / windowSeconds));
        }
        Map<String, Object> cpuJson = new LinkedHashMap<>();
        cpuAfter.forEach((k, v) -> cpuJson.put(k, v - cpuBefore.getOrDefault(k, 0.0)));
        cpuJson.put("windowSeconds", windowSeconds);
        json.put("cpuSeconds", cpuJson);
        row("4", String.format(Locale.ROOT, "CPU during load + drain (%.0f s; %% of one core; the machine has %d)", windowSeconds,
                Runtime.getRuntime().availableProcessors()), cpuText.toString(), "");

        StringBuilder memory = new StringBuilder();
        Map<String, Object> memoryJson = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Long pid = pids.get(service);
            long[] rss = pid == null ? new long[] {-1, -1} : ProcStats.rssMiB(pid);
            double heap = sampler.peakHeapMiB.getOrDefault(service, -1.0);
            memory.append(memory.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.0f / %d / %d", service, heap,
                    rss[0], rss[1]));
            memoryJson.put(service, Map.of("peakHeapUsedMiB", heap, "vmHwmMiB", rss[0], "vmRssMiB", rss[1]));
        }
        json.put("memory", memoryJson);
        row("4", "peak heap used / VmHWM / VmRSS, MiB (-Xmx384m each)", memory.toString(), "");

        for (String service : SERVICES) {
            Map<String, Double> delta = Prometheus.delta(promBefore.getOrDefault(service, Map.of()),
                    promAfter.getOrDefault(service, Map.of()));
            List<Prometheus.Timer> timers = Prometheus.timers(delta);
            List<Map<String, Object>> timerJson = new ArrayList<>();
            for (Prometheus.Timer t : timers) {
                timerJson.add(Map.of("series", t.series(), "count", t.count(), "meanMs", t.meanMs(), "totalSeconds", t.totalSeconds()));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("timers", timerJson);
            s.put("counters", delta);
            s.put("peakHikariPending", sampler.peakPending.getOrDefault(service, 0.0));
            if (profile.containsKey(service)) {
                s.put("profile", profile.get(service));
            }
            stages.put(service, s);
            StringBuilder text = new StringBuilder();
            for (Prometheus.Timer t : timers.subList(0, Math.min(4, timers.size()))) {
                text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "`%s` %,d × %.1f ms",
                        shorten(t.series()), t.count(), t.meanMs()));
            }
            text.append(String.format(Locale.ROOT, "; peak Hikari pending %.0f", sampler.peakPending.getOrDefault(service, 0.0)));
            row("4", service + " busiest timers (count × mean)", text.toString(), "");
            if (profile.get(service) != null && profile.get(service).get("firstResetflowFrames") instanceof Map<?, ?> frames) {
                long samples = ((Number) profile.get(service).getOrDefault("cpuSamples", 0L)).longValue();
                StringBuilder hot = new StringBuilder();
                frames.entrySet().stream().limit(3).forEach(en -> hot.append(hot.length() == 0 ? "" : "; ")
                        .append(String.format(Locale.ROOT, "%s %.0f %%", shortFrame(String.valueOf(en.getKey())),
                                samples == 0 ? 0 : 100.0 * ((Number) en.getValue()).longValue() / samples)));
                row("4", service + " CPU samples by first resetflow frame (JFR)", hot.toString(), "");
            }
        }
        json.put("stages", stages);
        notes.add("profiles: " + shown(runDir.resolve("profile"), options.repo()) + " (JFR recordings, *-profile.txt summaries, thread dumps)");
    }

    /**
     * {@code path} relative to {@code repo}, or as {@code ~/...}, or by its name alone: what the table and the JSON
     * show, so that a table pasted into a commit or an issue does not show the machine's directories.
     */
    static String shown(Path path, Path repo) {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        Path root = repo.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.startsWith(root)) {
            return root.relativize(absolute).toString();
        }
        if (absolute.startsWith(home)) {
            return "~/" + home.relativize(absolute);
        }
        return absolute.getFileName().toString();
    }

    /** CPU per accepted request: what a reset costs each part of the stack, over the load and its drain. */
    private void perReset(Map<String, Double> cpuBefore, Map<String, Double> cpuAfter, long accepted) {
        if (accepted == 0) {
            return;
        }
        Map<String, Object> perReset = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (String part : cpuAfter.keySet()) {
            double ms = 1000 * (cpuAfter.get(part) - cpuBefore.getOrDefault(part, 0.0)) / accepted;
            total += ms;
            perReset.put(part, ms);
            text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.1f ms", part, ms));
        }
        double generator = (double) perReset.getOrDefault(BenchJvm.GENERATOR_PART, 0.0);
        perReset.put("wholeStack", total);
        perReset.put("withoutLoadGenerator", total - generator);
        double own = 0;
        for (String part : OWN_PARTS) {
            own += (double) perReset.getOrDefault(part, 0.0);
        }
        perReset.put("ownParts", own);
        json.put("cpuMillisPerReset", perReset);
        row("4", "CPU per reset (CPU during load + drain ÷ accepted requests)", text + String.format(Locale.ROOT,
                "; **whole stack %.1f ms**, without the load generator %.1f ms", total, total - generator), "≤ 2 ms (2 cores ÷ 1,000/s)");
        if (own > 0) {
            json.put("resetsPerCoreSecondOfOwnParts", 1000 / own);
            row("4", "resetflow's own parts (the three services and PostgreSQL): CPU per reset, and resets per second one "
                    + "core of them carries", String.format(Locale.ROOT, "%.2f ms; %.0f resets/s per core", own, 1000 / own),
                    "(not the issue's measure) ≤ 2 ms: 1,000/s on 2 cores of their own");
        }
    }

    /** The broker's requests by type over the window: how many fetches and produces a reset costs. */
    private void brokerRequests(Map<String, Long> before, Map<String, Long> after, double windowSeconds, long accepted) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((type, n) -> delta.put(type, n - before.getOrDefault(type, 0L)));
        delta.values().removeIf(n -> n <= 0);
        json.put("brokerRequests", delta);
        if (delta.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(en -> text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "%s %,.0f/s (%.1f per reset)", en.getKey(), en.getValue() / windowSeconds,
                        accepted == 0 ? 0.0 : (double) en.getValue() / accepted)));
        row("4", "Kafka broker requests during load + drain, by type", text.toString(), "");
    }

    static String shorten(String series) {
        return series.replaceAll(",?(application|instance|exception|outcome|error|method_name|class_name)=\"[^\"]*\"", "")
                .replace("{,", "{").replace("{}", "");
    }

    static String shortFrame(String frame) {
        int paren = frame.indexOf(" (");
        return paren > 0 ? frame.substring(0, paren) : frame;
    }

    private Map<String, Double> cpu(Map<String, Long> pids, long postgresPid) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcStats.cpuSeconds(pid, false)));
        if (postgresPid > 0) {
            cpu.put(POSTGRES_PART, ProcStats.cpuSeconds(postgresPid, true));
        }
        cpu.putAll(BenchJvm.cpuSplit(ProcStats.cpuSeconds(ProcessHandle.current().pid(), false)));
        return cpu;
    }

    /** Every 2 s during the load: heap used and Hikari pending per service; one thread dump mid-load. */
    static final class Sampler implements Runnable {
        final Map<String, Double> peakHeapMiB = new ConcurrentHashMap<>();
        final Map<String, Double> peakPending = new ConcurrentHashMap<>();
        private final HttpClient http;
        private final Map<String, String> urls;
        private final Profiler profiler;
        private final boolean dumps;
        private final Duration loadDuration;
        private volatile boolean stopped;

        Sampler(HttpClient http, Map<String, String> urls, Map<String, Long> pids, Profiler profiler, boolean dumps,
                Duration loadDuration) {
            this.http = http;
            this.urls = urls;
            this.profiler = profiler;
            this.dumps = dumps;
            this.loadDuration = loadDuration;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            boolean dumped = false;
            while (!stopped) {
                urls.forEach((service, url) -> {
                    Map<String, Double> values = Prometheus.scrape(http, url);
                    if (!values.isEmpty()) {
                        peakHeapMiB.merge(service, Prometheus.sum(values, "jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20), Math::max);
                        peakPending.merge(service, Prometheus.sum(values, "hikaricp_connections_pending"), Math::max);
                    }
                });
                if (dumps && !dumped && System.nanoTime() - started > loadDuration.toNanos() / 2) {
                    dumped = true;
                    profiler.threadDump("midload");
                }
                // a full scrape of a service costs it measurable CPU (hundreds of Kafka client meters): not too often
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            }
        }
    }

    // ---------------------------------------------------------------- output

    private void row(String part, String what, String result, String target) {
        rows.add(new String[] {part, what, result, target});
    }

    private void print() throws IOException {
        StringBuilder b = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, Object> start = (Map<String, Object>) json.get("conditions");
        b.append("\n### resetflow bench ").append(json.get("date")).append("\n\n");
        b.append("Conditions: ").append(start.get("cpus")).append(" CPUs, load average at start ").append(start.get("loadavg"))
                .append(", at end ").append(((Map<?, ?>) json.get("conditionsAtEnd")).get("loadavg")).append(", Java ")
                .append(System.getProperty("java.version")).append(", service JVM options `-Xmx384m ").append(start.get("serviceJvmOptions")).append(' ')
                .append(start.get("RESETFLOW_SERVICE_JAVA_OPTS")).append("`, bench JVM options `").append(start.get("benchJvmOptions"))
                .append("`. Options: ").append(json.get("options")).append("\n\n");
        b.append("| # | what | result | target |\n|---|---|---|---|\n");
        List<String[]> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> r[0])); // stable: keeps the order within a part
        for (String[] r : sorted) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        b.append('\n');
        notes.forEach(n -> b.append("- ").append(n).append('\n'));
        Path jsonFile = runDir.resolve("bench.json");
        json.put("table", b.toString());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(jsonFile, mapper.writeValueAsString(json), StandardCharsets.UTF_8);
        Files.copy(jsonFile, options.out().resolve("bench-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        b.append("- JSON: ").append(shown(jsonFile, options.repo())).append('\n');
        System.out.println(b);
        System.out.flush();
    }

    private Map<String, Object> conditions(String when) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            c.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
            String mem = Files.readString(Path.of("/proc/meminfo"));
            c.put("memTotalMiB", ProcStats.kib(mem, "MemTotal:") / 1024);
            c.put("memAvailableMiB", ProcStats.kib(mem, "MemAvailable:") / 1024);
        } catch (IOException | RuntimeException e) {
            c.put("loadavg", "?");
        }
        c.put("java", System.getProperty("java.version"));
        c.put("RESETFLOW_SERVICE_JAVA_OPTS", System.getenv().getOrDefault("RESETFLOW_SERVICE_JAVA_OPTS", ""));
        c.put("serviceJvmOptions", String.join(" ", LocalStack.SERVICE_JVM_OPTIONS));
        // -X options only: the -D ones carry this machine's paths
        c.put("benchJvmOptions", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X")).toList()));
        c.put("when", when);
        return c;
    }

    private Map<String, Object> optionsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", options.rate());
        m.put("durationSeconds", options.duration().toSeconds());
        m.put("users", options.users());
        m.put("warmupSeconds", options.warmup().toSeconds());
        m.put("warmupRate", options.warmupRate());
        m.put("maxConcurrency", options.maxConcurrency());
        m.put("baselineMessages", options.baselineMessages());
        m.put("auditEvents", options.auditEvents());
        m.put("phases", (options.baseline() ? "baseline " : "") + (options.endToEnd() ? "e2e " : "") + (options.audit() ? "audit" : ""));
        return m;
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static void log(String message) {
        System.err.println("[bench " + DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()) + "] "
                + message);
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
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
