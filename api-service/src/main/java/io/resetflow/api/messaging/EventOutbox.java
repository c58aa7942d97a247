package io.resetflow.api.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.resetflow.schemas.EventHeaders;

/**
 * A transactional outbox for the events api-service must not lose once their change committed (a password set is
 * not undone because the broker was away): the encoded record is written in the caller's transaction, sent right
 * after the commit by the committing thread, and deleted once the broker acknowledged it. A row the broker did not
 * acknowledge (or that a crash left) is sent again by {@link #relay}, after {@link #RETRY_AFTER}, in id order
 * ({@code FOR UPDATE SKIP LOCKED}, so N instances share it). At least once: consumers de-duplicate by eventId.
 */
@Component
class EventOutbox {

    /**
     * Older rows are the relay's: the committing thread has an answer for them by then (EventSender waits 10 s for the
     * hand-over, then at most the producer's max.block.ms and delivery.timeout.ms, 5 s and 10 s in application.yml).
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private record Row(long id, String eventId, String eventType, String topic, String key, byte[] payload) {
    }

    private final JdbcClient jdbc;
    private final EventSender sender;
    private final TransactionTemplate transaction;
    /** After a commit the finished transaction's connection is still bound; a delete then needs its own. */
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    EventOutbox(JdbcClient jdbc, EventSender sender, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Writes the record in the caller's transaction and sends it once that commits.
     *
     * @throws IllegalTransactionStateException outside a transaction
     */
    void append(ProducerRecord<String, byte[]> record) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "EventOutbox.append needs the caller's transaction: the event must commit or roll back with it");
        }
        String eventId = EventSender.header(record, EventHeaders.EVENT_ID);
        long id = jdbc.sql("""
                        insert into event_outbox (event_id, event_type, topic, record_key, payload, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(eventId, EventSender.header(record, EventHeaders.EVENT_TYPE), record.topic(), record.key(), record.value(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    sender.send(record);
                    ownTransaction.executeWithoutResult(
                            status -> jdbc.sql("delete from event_outbox where id = ?").param(id).update());
                } catch (EventSender.NotAcknowledgedException | RuntimeException e) {
                    log.warn("{} {} left in the outbox, the relay sends it again: {}",
                            EventSender.header(record, EventHeaders.EVENT_TYPE), eventId, e.toString());
                }
            }
        });
    }

    /** Sends what the committing threads could not, oldest first. @return the number of rows sent */
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    int relay() {
        try {
            return relayOnce();
        } catch (RuntimeException e) {
            // the database is away, most likely: the rows stay, the next run sends them
            log.warn("outbox relay: not run, retrying at the next run: {}", e.toString());
            return 0;
        }
    }

    private int relayOnce() {
        Integer sent = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            select id, event_id, event_type, topic, record_key, payload from event_outbox
                            where created_at < ? order by id limit ? for update skip locked""")
                    .params(clock.instant().minus(RETRY_AFTER).atOffset(ZoneOffset.UTC), BATCH)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6)))
                    .list();
            int done = 0;
            for (Row row : rows) {
                try {
                    sender.send(record(row));
                } catch (EventSender.NotAcknowledgedException e) {
                    // keep it and those after it, in order, for the next run
                    log.warn("outbox relay: {} {} not acknowledged, retrying at the next run: {}", row.eventType(),
                            row.eventId(), e.getMessage());
                    break;
                }
                jdbc.sql("delete from event_outbox where id = ?").param(row.id()).update();
                done++;
            }
            return done;
        });
        if (sent != null && sent > 0) {
            log.info("outbox relay: sent {} event(s) the committing threads could not", sent);
        }
        return sent == null ? 0 : sent;
    }

    private static ProducerRecord<String, byte[]> record(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(EventHeaders.EVENT_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, row.eventId().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
