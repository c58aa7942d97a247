package io.resetflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags as {@code name=value} (or {@code --name=value}); {@code quick} scales everything down for a smoke run.
 * Defaults are the targets: 1,000 requests/s for 60 s over 10,000 users, a 1,000,000-event audit log.
 */
record Options(Path repo, double rate, Duration duration, int users, int warmupUsers, Duration warmup, double warmupRate,
               int maxConcurrency,
               Duration answerTimeout, long baselineMessages, long auditEvents, boolean baseline, boolean endToEnd,
               boolean audit, boolean profile, Duration drainMax, Path out, Path jarsFrom) {

    static final List<String> NAMES = List.of("repo", "rate", "duration", "users", "warmup-users", "warmup",
            "warmup-rate", "max-concurrency", "answer-timeout", "baseline-messages", "audit-events", "skip", "profile", "drain-max", "out", "jars-from");

    static Options parse(List<String> args, Path defaultRepo) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean quick = false;
        for (String raw : args) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String arg = raw.startsWith("--") ? raw.substring(2) : raw;
            if (arg.equals("quick")) {
                quick = true;
                continue;
            }
            if (arg.equals("help") || arg.equals("h")) {
                throw new IllegalArgumentException("usage");
            }
            int eq = arg.indexOf('=');
            if (eq <= 0 || !NAMES.contains(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown flag '" + raw + "'; flags: quick " + String.join("=, ", NAMES) + "=");
            }
            v.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String skip = v.getOrDefault("skip", "");
        Path repo = Path.of(v.getOrDefault("repo", defaultRepo.toString())).toAbsolutePath().normalize();
        double rate = Double.parseDouble(v.getOrDefault("rate", quick ? "200" : "1000"));
        Duration duration = seconds(v.getOrDefault("duration", quick ? "20" : "60"));
        int users = Integer.parseInt(v.getOrDefault("users", quick ? "1000" : "10000"));
        underThrottle(rate, duration, users, "users=");
        int warmupUsers = Integer.parseInt(v.getOrDefault("warmup-users", quick ? "100" : "300"));
        Duration warmup = seconds(v.getOrDefault("warmup", quick ? "15" : "30"));
        double warmupRate = v.containsKey("warmup-rate") ? Double.parseDouble(v.get("warmup-rate")) : Math.min(rate, 100);
        underThrottle(warmupRate, warmup, warmupUsers, "warmup-users=");
        return new Options(repo, rate, duration, users, warmupUsers, warmup, warmupRate,
                Integer.parseInt(v.getOrDefault("max-concurrency", "256")),
                seconds(v.getOrDefault("answer-timeout", "30")),
                Long.parseLong(v.getOrDefault("baseline-messages", quick ? "20000" : "100000")),
                Long.parseLong(v.getOrDefault("audit-events", quick ? "100000" : "1000000")),
                !skip.contains("baseline"), !skip.contains("e2e"), !skip.contains("audit"),
                Boolean.parseBoolean(v.getOrDefault("profile", "true")),
                seconds(v.getOrDefault("drain-max", "300")),
                Path.of(v.getOrDefault("out", repo.resolve("bench/target").toString())).toAbsolutePath(),
                Path.of(v.getOrDefault("jars-from", repo.toString())).toAbsolutePath().normalize());
    }

    /** A phase sending {@code rate}/s for {@code duration} round robin to {@code users} stays under the per-user throttle. */
    private static void underThrottle(double rate, Duration duration, int users, String raise) {
        long requestsPerUser = (long) Math.ceil(rate * duration.toSeconds() / users);
        if (requestsPerUser > 90) {
            throw new IllegalArgumentException(requestsPerUser + " requests per user would hit the per-user throttle (at most"
                    + " 100 deliveries per user per hour): raise " + raise);
        }
    }

    static Duration seconds(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    static String usage() {
        return """
                bench/run [quick] [name=value ...]
                  rate=1000            requests/s offered by the open-loop generator
                  duration=60          seconds of load (requests = rate x duration, sent to users round robin)
                  users=10000          distinct users created first through the admin API
                  warmup=30 warmup-users=300   an unmeasured warm-up at min(rate, 100)/s on other users, long enough for
                                       the JIT compilers to have done most of their work before the load
                  warmup-rate=R        the warm-up's rate instead (e.g. the load's own, so that the code and profiles
                                       of an overload are compiled before it is measured: C2 recompiles under overload)
                  max-concurrency=256  requests in flight at most; a request due beyond it is not sent (counted as capped)
                  answer-timeout=30    HTTP timeout of one request
                  baseline-messages=100000     messages of the saturated Kafka relay pass
                  audit-events=1000000 size of the audit log replayed
                  skip=baseline,e2e,audit      leave phases out
                  profile=true         JFR + thread dumps of the service JVMs during the load
                  drain-max=300        seconds to wait at most for the last emails after the load (stops earlier
                                       when all arrived or none came for 30 s)
                  out=bench/target     where the JSON and the profiles go
                  jars-from=REPO       take the three service jars from REPO/<service>/target (default: this repo;
                                       e.g. a clean checkout while builds run in this working tree)
                  quick                rate=200 duration=20 users=1000 warmup=15 baseline-messages=20000 audit-events=100000
                """;
    }
}
