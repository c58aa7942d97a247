package io.resetflow.schemas.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handler of every resetflow consumer: spring-kafka's {@link DefaultErrorHandler}, with what each service
 * needs alike.
 * <ul>
 * <li>A record that failed because the database was out of reach ({@link DatabaseOutage}) waits for it, 1 s doubling
 * to 30 s, without end: an outage says nothing about the event, and dead-letters nothing however long it lasts. Other
 * failures get the given back-off, then the recoverer.</li>
 * <li>Retry counts survive a successful batch. spring-kafka 4.1 clears a consumer thread's whole retry state after
 * any batch that succeeds following a failed one (spring-kafka GH-4371, fixed in 4.2): with several partitions per
 * thread, another partition's batch between two attempts of a failing record restarted its count, so under steady
 * traffic it was retried without end. The counts are per partition and offset, so keeping them is safe.</li>
 * <li>A batch listener's failure that names no record is taken as its poll's first record's
 * ({@link RecordFailures#naming}): spring-kafka would retry the poll as one batch and, should a retry then fail for a
 * reason it does not retry, recover (dead-letter or skip) every record of it.</li>
 * </ul>
 */
public class ConsumerErrorHandler extends DefaultErrorHandler {

    public ConsumerErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff) {
        super(recoverer, backOff);
        setBackOffFunction((record, exception) -> DatabaseOutage.causes(exception) ? untilTheDatabaseIsBack() : null);
    }

    /** 1 s doubling to 30 s, without end. */
    private static BackOff untilTheDatabaseIsBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    @Override
    public void clearThreadState() {
        // kept: see the class comment
    }

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        super.handleBatch(RecordFailures.naming(thrownException, data), data, consumer, container, invokeListener);
    }

    @Override
    public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrownException,
            ConsumerRecords<?, ?> data, Consumer<?, ?> consumer, MessageListenerContainer container,
            Runnable invokeListener) {
        return super.handleBatchAndReturnRemaining(RecordFailures.naming(thrownException, data), data, consumer,
                container, invokeListener);
    }
}
