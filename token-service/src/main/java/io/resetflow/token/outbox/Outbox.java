package io.resetflow.token.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an already serialized event to the outbox in the caller's transaction: it is published if and
 * only if that transaction commits. A transaction's rows are kept with it and inserted together, in append order,
 * by one statement just before it commits (a decision used to cost a statement of its own for its row: token-service
 * decides a poll's requests in one transaction, issue 9). After the commit the relay is woken at once.
 */
@Component
public class Outbox {

    private static final String INSERT = """
            insert into outbox (event_id, event_type, topic, record_key, payload, created_at)
            select v.event_id, v.event_type, v.topic, v.record_key, v.payload, v.created_at
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::timestamptz[]) with ordinality
                 as v(event_id, event_type, topic, record_key, payload, created_at, n)
            order by v.n""";

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(JdbcClient jdbc, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Must be called in a transaction, as {@code @Transactional(propagation = MANDATORY)} would demand; checked here
     * instead, since that proxy around every append was 6 % of token-service's CPU under load. The row is written
     * when the transaction commits (a failure to write it fails the commit, which then rolls back); until then it is
     * not in the table, not even for the appending transaction.
     *
     * @param eventType simple name of the event type, sent as header {@code rf-event-type}
     * @param key the record key, {@code Topics.key(tenantId, userId)}
     * @throws IllegalTransactionStateException outside a transaction
     */
    public void append(String eventId, String eventType, String topic, String key, byte[] payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append needs the caller's transaction: the event must commit or roll back with it");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.add(new Row(eventId, eventType, topic, key, payload, clock.instant().toString()));
    }

    private record Row(String eventId, String eventType, String topic, String key, byte[] payload, String createdAt) {
    }

    /**
     * The rows of one transaction, written before it commits, the relay woken once it has; bound to the transaction
     * while it runs, set aside while it is suspended.
     * Savepoints are not followed: rows appended in a nested scope that is rolled back to its savepoint would still be
     * written (token-service opens no nested scope).
     */
    private final class Pending implements TransactionSynchronization {

        private final List<Row> rows = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.sql(INSERT)
                    .params(column(Row::eventId), column(Row::eventType), column(Row::topic), column(Row::key),
                            rows.stream().map(Row::payload).toArray(byte[][]::new), column(Row::createdAt))
                    .update();
        }

        private String[] column(Function<Row, String> value) {
            return rows.stream().map(value).toArray(String[]::new);
        }

        @Override
        public void afterCommit() {
            relay.wakeup();
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(Outbox.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(Outbox.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
        }
    }
}
