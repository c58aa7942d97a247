package io.resetflow.token.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.resetflow.schemas.EventHeaders;

/**
 * Publishes outbox rows: locks a batch ({@code FOR UPDATE SKIP LOCKED}, so N instances share the work),
 * sends every row (acks=all, idempotent producer), waits for all acknowledgements, then deletes the rows
 * in the same transaction (the event lives on its topic; a kept row would only be a copy at rest). A crash
 * before that commit leaves the rows in place and they go out on the next run (at least once; consumers
 * de-duplicate by eventId). Runs on one thread: woken right after each committing decision, and polling as
 * the fallback.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, String eventId, String eventType, String topic, String key, byte[] payload) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Counter publishedEvents;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    OutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.kafka = kafka;
        this.properties = properties;
        this.publishedEvents = meters.counter("resetflow.outbox.published");
        Gauge.builder("resetflow.outbox.unpublished", this, OutboxRelay::backlog)
                .description("outbox rows not yet acknowledged by the broker (acknowledged rows are deleted)").register(meters);
    }

    private double backlog() {
        try {
            return jdbc.sql("select count(*) from outbox").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Runs the relay now (at most one extra run queued), instead of at the next poll. */
    public void wakeup() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeupPending.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeupPending.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeupPending.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (publishBatch() == properties.batchSize()) {
                // a full batch: more rows may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay: batch not published, retrying at the next run: {}", e.toString());
        }
    }

    /** @return the number of rows published */
    int publishBatch() {
        Integer published = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                    select id, event_id, event_type, topic, record_key, payload from outbox
                    order by id limit ? for update skip locked""")
                    .param(properties.batchSize())
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                            rs.getString("topic"), rs.getString("record_key"), rs.getBytes("payload")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] acks = rows.stream().map(this::send).toArray(CompletableFuture[]::new);
            awaitAcks(acks);
            jdbc.sql("delete from outbox where id = any(?)")
                    .param(rows.stream().map(Row::id).toArray(Long[]::new))
                    .update();
            return rows.size();
        });
        if (published != null && published > 0) {
            publishedEvents.increment(published);
            log.debug("outbox relay: published {} event(s)", published);
        }
        return published == null ? 0 : published;
    }

    private CompletableFuture<?> send(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(EventHeaders.EVENT_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, row.eventId().getBytes(StandardCharsets.UTF_8));
        return kafka.send(record);
    }

    private void awaitAcks(CompletableFuture<?>[] acks) {
        try {
            CompletableFuture.allOf(acks).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the outbox batch", e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor relay = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        relay.scheduleWithFixedDelay(this::drain, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor = relay;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService relay = executor;
        executor = null;
        if (relay == null) {
            return;
        }
        relay.shutdown();
        try {
            if (!relay.awaitTermination(properties.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                relay.shutdownNow();
            }
        } catch (InterruptedException e) {
            relay.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts before and stops after the Kafka listener containers, so decisions still committing get relayed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
