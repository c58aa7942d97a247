package io.resetflow.notifier.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends records whose broker acknowledgement (acks=all) the caller waits for within {@code send-timeout}: at once
 * ({@link #send}) or later ({@link #sendLater}, so that several records travel in one produce request).
 */
@Component
class AcknowledgedSender {

    private final KafkaTemplate<Object, Object> kafka;
    private final NotifierKafkaProperties properties;

    AcknowledgedSender(KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** @throws OutcomeNotPublishedException naming {@code what} when the broker did not acknowledge in time */
    void send(ProducerRecord<Object, Object> record, String what) {
        sendLater(record, what).run();
    }

    /**
     * Hands the record to the producer and returns what waits for its acknowledgement: running it throws
     * {@link OutcomeNotPublishedException} naming {@code what} when the broker did not acknowledge within
     * {@code send-timeout} of the hand-over.
     */
    Runnable sendLater(ProducerRecord<Object, Object> record, String what) {
        CompletableFuture<SendResult<Object, Object>> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) {
            throw new OutcomeNotPublishedException(what + " not handed to the producer", e);
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        return () -> {
            try {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutcomeNotPublishedException("interrupted while publishing " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new OutcomeNotPublishedException(what + " not acknowledged", e);
            }
        };
    }
}
