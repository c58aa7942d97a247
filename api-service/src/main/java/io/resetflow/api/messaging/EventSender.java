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
import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * The one way api-service puts an event on the log: encodes it (Avro single-object, as
 * {@link AvroEventSerializer} does, with its event-type header) and tags it with its event id on the
 * calling thread, hands the bytes to the producer under a lock (so the tamper-evidence chain stamped by
 * the interceptor follows the order records are appended in, even with many request threads), then waits
 * for the broker's acknowledgement outside the lock (acks=all, idempotent producer). Only the chain
 * stamp (one SHA-256 over the bytes) and the append to the producer's buffer are done under the lock;
 * the encoding, done there twice before (by the interceptor and by the serializer), no longer is.
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

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroEventSerializer encoder = new AvroEventSerializer();
    private final Object appendOrder = new Object();

    EventSender(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void send(String topic, String key, String eventId, SpecificRecord event) throws NotAcknowledgedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, null);
        byte[] value = encoder.serialize(topic, record.headers(), event); // also adds the event-type header
        record = new ProducerRecord<>(topic, null, key, value, record.headers());
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<SendResult<String, byte[]>> ack;
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
