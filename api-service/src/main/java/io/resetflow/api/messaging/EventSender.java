package io.resetflow.api.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.resetflow.schemas.EventHeaders;

/**
 * The one way api-service puts an event on the log: tags it with its event id, hands it to the
 * producer under a lock (so the tamper-evidence chain stamped by the interceptor follows the order
 * records are appended in, even with many request threads), then waits for the broker's
 * acknowledgement outside the lock (acks=all, idempotent producer).
 */
@Component
class EventSender {

    static final long ACK_TIMEOUT_SECONDS = 10;

    /** The broker did not acknowledge; the message says which event. */
    static final class NotAcknowledgedException extends Exception {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Object appendOrder = new Object();

    EventSender(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    void send(String topic, String key, String eventId, SpecificRecord event) throws NotAcknowledgedException {
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, key, event);
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<SendResult<String, SpecificRecord>> ack;
        synchronized (appendOrder) {
            ack = kafka.send(record);
        }
        try {
            ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted waiting for the broker to acknowledge " + eventId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotAcknowledgedException("broker did not acknowledge " + event.getSchema().getName() + " " + eventId, e);
        }
    }
}
