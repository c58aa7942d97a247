package io.resetflow.notifier.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.outbound.StandardWebhooks;
import io.resetflow.notifier.outbound.WebhookPoster;
import io.resetflow.notifier.outbound.WebhookProperties;

/**
 * Sends due partner webhook messages: a poller claims at most as many messages as there are free sender threads
 * ({@code resetflow.webhooks.threads}), one per endpoint at a time, and hands each to the bounded pool. Each attempt
 * is signed anew (Standard Webhooks, the current secret and the previous one while valid) and logged; on failure the
 * next attempt is due after the next delay of {@code retry-schedule}, after the last one the message is DEAD.
 * All state is in the database, so a restart continues where the schedule was. Every failure goes to
 * {@link EndpointDisabler}, every success ends the endpoint's failure streak.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final MessageStore messages;
    private final EndpointStore endpoints;
    private final WebhookPoster poster;
    private final WebhookProperties properties;
    private final EndpointDisabler disabler;
    private final DeadMessages dead;
    private final Clock clock;
    private final Semaphore free;
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService senders;

    WebhookDispatcher(MessageStore messages, EndpointStore endpoints, WebhookPoster poster, WebhookProperties properties,
            EndpointDisabler disabler, DeadMessages dead, Clock clock) {
        this.dead = dead;
        this.messages = messages;
        this.endpoints = endpoints;
        this.poster = poster;
        this.properties = properties;
        this.disabler = disabler;
        this.clock = clock;
        this.free = new Semaphore(properties.threads());
    }

    @Override
    public synchronized void start() {
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.threads(), r -> daemon(r, "webhook-send-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poll"));
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            senders.shutdown();
            try {
                if (!senders.awaitTermination(properties.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                    senders.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                senders.shutdownNow();
            }
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    void poll() {
        try {
            Instant now = clock.instant();
            Instant lease = now.plus(properties.timeout().multipliedBy(2)).plus(Duration.ofSeconds(10));
            List<MessageStore.Due> due = messages.claim(free.availablePermits(), now, lease);
            for (MessageStore.Due message : due) {
                free.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        send(message);
                    } catch (RuntimeException e) {
                        log.warn("webhook message {} to endpoint {}: attempt not recorded ({}); retried after its lease",
                                message.messageId(), message.endpointId(), e.getClass().getSimpleName());
                    } finally {
                        free.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("webhook poll failed: {}", e.toString());
        }
    }

    private void send(MessageStore.Due message) {
        Instant at = clock.instant();
        List<String> secrets = endpoints.signingSecrets(message.endpointId(), at);
        String url = endpoints.find(message.endpointId()).map(Endpoint::url).orElse(null);
        if (url == null || secrets.isEmpty()) {
            return; // endpoint deleted meanwhile (its messages go with it)
        }
        Map<String, String> headers = StandardWebhooks.headers(message.messageId(), at.getEpochSecond(),
                message.payload(), secrets);
        WebhookPoster.Result result = poster.post(url, headers, message.payload());
        Instant done = clock.instant();
        if (result.succeeded()) {
            messages.recordAttempt(message, "SUCCEEDED", "SUCCEEDED", result.statusCode(), result.latencyMs(),
                    result.responseExcerpt(), done, null);
            endpoints.recordSuccess(message.endpointId());
            log.info("webhook {} {} to endpoint {}: attempt {} succeeded ({} ms)", message.eventType(),
                    message.messageId(), message.endpointId(), message.attempts() + 1, result.latencyMs());
            return;
        }
        List<Duration> schedule = properties.retrySchedule();
        int nextRound = message.roundAttempts() + 1;
        String excerpt = result.responseExcerpt() != null ? result.responseExcerpt() : result.error();
        if (nextRound < schedule.size()) {
            Instant next = done.plus(schedule.get(nextRound));
            messages.recordAttempt(message, "PENDING", "FAILED", result.statusCode(), result.latencyMs(), excerpt,
                    done, next);
            log.info("webhook {} {} to endpoint {}: attempt {} failed ({}), next at {}", message.eventType(),
                    message.messageId(), message.endpointId(), message.attempts() + 1, result.describe(), next);
        } else {
            messages.recordAttempt(message, "DEAD", "DEAD", result.statusCode(), result.latencyMs(), excerpt, done,
                    null);
            log.warn("webhook {} {} to endpoint {}: attempt {} failed ({}); schedule exhausted, message DEAD",
                    message.eventType(), message.messageId(), message.endpointId(), message.attempts() + 1,
                    result.describe());
            deadLetter(message, result);
        }
        disabler.failed(message.endpointId(), done, result.describe());
    }

    private void deadLetter(MessageStore.Due message, WebhookPoster.Result result) {
        String tenantId = endpoints.find(message.endpointId()).map(Endpoint::tenantId).orElse(null);
        try {
            dead.deadLettered(new DeadMessages.DeadMessage(tenantId, message.endpointId(), message.messageId(),
                    message.eventType(), message.payload(), message.attempts() + 1, result.describe()));
        } catch (RuntimeException e) {
            // The message stays DEAD in the delivery log, where it can be re-sent; only the topic copy is missing.
            log.error("dead webhook message {} of endpoint {} not written to {}", message.messageId(),
                    message.endpointId(), io.resetflow.schemas.Topics.PARTNER_WEBHOOK_DEAD_LETTERS, e);
        }
    }
}
