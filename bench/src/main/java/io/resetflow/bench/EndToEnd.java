package io.resetflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.resetflow.testsupport.MailServer;

/**
 * The load: N distinct users created through the admin API, the per-key rate limit and the per-user delivery
 * throttle raised, then an open-loop generator posting {@code POST /v1/password-resets} at a fixed rate with bounded
 * concurrency (a request due while the cap is reached is not sent and counted as capped), then the captured mail
 * counted and matched against the accepted requests.
 */
final class EndToEnd {
    static final String PUBLIC_KEY = "rf_pub_demo_local";
    static final String SECRET_KEY = "rf_sec_demo_local";

    private final String apiUrl;
    private final MailServer mail;
    private final HttpClient http;
    private final ExecutorService httpExecutor;

    EndToEnd(String apiUrl, MailServer mail) {
        this.apiUrl = apiUrl;
        this.mail = mail;
        this.httpExecutor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(httpExecutor).build();
        if (!URI.create(apiUrl).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("the load targets 127.0.0.1 only, not " + apiUrl);
        }
    }

    HttpClient http() {
        return http;
    }

    static String address(String prefix, int i) {
        return String.format(Locale.ROOT, "%s-%06d@example.com", prefix, i);
    }

    /** PATCH /v1/admin/settings: no per-key rate limit in the way, per-user throttle at its maximum. */
    void raiseLimits() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/admin/settings"))
                .header("Authorization", SECRET_KEY).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"RateLimitRequests\": 100000, \"RateLimitWindow\": \"PT1S\", \"DeliveriesPerUserPerHour\": 100}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PATCH /v1/admin/settings answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Creates users prefix-000000.. through the admin API, {@code concurrency} at a time; returns users/s. */
    double createUsers(String prefix, int count, int concurrency) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger failed = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            String body = "{\"EmailAddress\":\"" + address(prefix, i) + "\",\"FirstName\":\"Bench\",\"LastName\":\"User " + i
                    + "\",\"SendSetPasswordLink\":false}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/admin/users"))
                            .header("Authorization", SECRET_KEY).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        if (error != null || (response.statusCode() != 201 && response.statusCode() != 409)) {
                            failed.incrementAndGet();
                            if (errors.size() < 3) {
                                errors.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                            }
                        }
                        permits.release();
                    });
        }
        permits.acquire(concurrency);
        permits.release(concurrency);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " users could not be created, e.g. " + errors);
        }
        firstError.set(0);
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** What one load phase did. */
    static final class Load {
        int planned;
        double rate;
        long startedNanos;
        long startedEpochMicros;
        double sendSeconds;
        int sent;
        int capped;
        final AtomicInteger accepted = new AtomicInteger();
        final Map<String, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        final LatencyStats intake = new LatencyStats();
        final List<EmailMatcher.Request> acceptedRequests = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> sampleErrors = java.util.Collections.synchronizedList(new ArrayList<>());

        long epochMicros(long nanos) {
            return startedEpochMicros + (nanos - startedNanos) / 1000;
        }
    }

    /**
     * Open loop: request i is due at start + i/rate and goes to user (i mod users); its latency counts from when it
     * was due, so a slow answer cannot hide queueing (no coordinated omission). Bounded by count and by
     * {@code duration + answerTimeout}.
     */
    Load run(String prefix, int users, double rate, Duration duration, int maxConcurrency, Duration answerTimeout)
            throws InterruptedException {
        Load load = new Load();
        load.rate = rate;
        load.planned = (int) Math.round(rate * duration.toMillis() / 1000.0);
        Semaphore permits = new Semaphore(maxConcurrency);
        long interval = (long) (1_000_000_000L / rate);
        load.startedEpochMicros = System.currentTimeMillis() * 1000;
        load.startedNanos = System.nanoTime();
        long hardStop = load.startedNanos + duration.toNanos() + Duration.ofSeconds(5).toNanos();
        for (int i = 0; i < load.planned; i++) {
            long due = load.startedNanos + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 500_000));
            }
            if (System.nanoTime() > hardStop) {
                break;
            }
            if (!permits.tryAcquire()) {
                load.capped++;
                continue;
            }
            load.sent++;
            String recipient = address(prefix, i % users);
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/password-resets"))
                    .header("Authorization", PUBLIC_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"EmailAddress\":\"" + recipient + "\"}"))
                    .timeout(answerTimeout).build();
            long dueAt = due;
            CompletableFuture<HttpResponse<Void>> future = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            future.whenComplete((response, error) -> {
                long now = System.nanoTime();
                String status = error != null ? error.getClass().getSimpleName() : Integer.toString(response.statusCode());
                load.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (error == null && response.statusCode() == 200) {
                    load.accepted.incrementAndGet();
                    load.intake.add((now - dueAt) / 1000);
                    load.acceptedRequests.add(new EmailMatcher.Request(recipient, load.epochMicros(dueAt)));
                } else if (load.sampleErrors.size() < 5) {
                    load.sampleErrors.add(status + (error != null ? " " + error.getMessage() : ""));
                }
                permits.release();
            });
        }
        load.sendSeconds = (System.nanoTime() - load.startedNanos) / 1e9;
        // wait for the answers still in flight (bounded)
        if (permits.tryAcquire(maxConcurrency, answerTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
            permits.release(maxConcurrency);
        }
        return load;
    }

    /** Emails captured so far to addresses starting with {@code prefix-}, with their capture time. */
    List<EmailMatcher.Email> emails(String prefix) {
        List<EmailMatcher.Email> result = new ArrayList<>();
        for (MailServer.Envelope m : mail.envelopes()) {
            if (m.recipient().startsWith(prefix + "-")) {
                java.time.Instant at = m.receivedAt();
                result.add(new EmailMatcher.Email(m.recipient(), at.getEpochSecond() * 1_000_000 + at.getNano() / 1000));
            }
        }
        return result;
    }

    /** The captured emails after a drain, and why the drain stopped: complete, idle or max. */
    record Drained(List<EmailMatcher.Email> emails, String stoppedBecause, double seconds) {
    }

    /** Polls the capture until {@code expected} emails arrived, none came for {@code idle}, or {@code max} passed. */
    Drained drain(String prefix, int expected, Duration idle, Duration max) {
        long started = System.nanoTime();
        long deadline = started + max.toNanos();
        int last = -1;
        long lastChange = System.nanoTime();
        List<EmailMatcher.Email> emails = emails(prefix);
        String reason = "complete";
        while (emails.size() < expected) {
            if (System.nanoTime() > deadline) {
                reason = "max " + max.toSeconds() + " s reached";
                break;
            }
            if (System.nanoTime() - lastChange > idle.toNanos()) {
                reason = "no email for " + idle.toSeconds() + " s";
                break;
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            emails = emails(prefix);
            if (emails.size() != last) {
                last = emails.size();
                lastChange = System.nanoTime();
            }
        }
        // a moment more: a duplicate would arrive right after the last expected one
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        return new Drained(emails(prefix), reason, (System.nanoTime() - started) / 1e9);
    }

    /** Emails per second in whole seconds since the load started, for the time series in the JSON. */
    static List<Integer> perSecond(List<EmailMatcher.Email> emails, long startEpochMicros) {
        List<Integer> buckets = new ArrayList<>();
        for (EmailMatcher.Email e : emails) {
            int second = (int) Math.max(0, (e.receivedAtMicros() - startEpochMicros) / 1_000_000);
            while (buckets.size() <= second) {
                buckets.add(0);
            }
            buckets.set(second, buckets.get(second) + 1);
        }
        return buckets;
    }

    /** Mean of the per-second counts over the middle of the load window (from 10% to 90% of it). */
    static double sustained(List<Integer> perSecond, double loadSeconds) {
        int from = (int) Math.floor(loadSeconds * 0.1);
        int to = Math.max(from + 1, (int) Math.floor(loadSeconds * 0.9));
        long total = 0;
        for (int s = from; s < to; s++) {
            total += s < perSecond.size() ? perSecond.get(s) : 0;
        }
        return total / (double) (to - from);
    }

    Map<String, Object> statusJson(Load load) {
        Map<String, Object> m = new LinkedHashMap<>();
        load.statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    void close() {
        httpExecutor.shutdownNow();
    }
}
