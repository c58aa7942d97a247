package io.resetflow.token.messaging;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * A {@link DefaultErrorHandler} whose retry counts survive a successful batch. spring-kafka 4.1 clears a consumer
 * thread's whole retry state after any batch succeeds that follows a failed one (spring-kafka GH-4371, fixed in
 * 4.2): with several partitions per thread, a batch of another partition's records succeeding between two attempts
 * of a failing record restarted its count, so under steady traffic it was retried without end and never
 * dead-lettered. The counts are per partition and offset, so keeping them is safe.
 */
class RetryCountingErrorHandler extends DefaultErrorHandler {

    RetryCountingErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff) {
        super(recoverer, backOff);
    }

    @Override
    public void clearThreadState() {
        // kept: see the class comment
    }
}
