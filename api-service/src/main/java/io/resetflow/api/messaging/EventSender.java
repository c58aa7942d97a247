package io.resetflow.api.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * The one way api-service puts an event on the log. The calling thread encodes the event (Avro
 * single-object, as {@link AvroEventSerializer} does, with its event-type header) and tags it with its
 * event id; one appender thread hands the records to the producer in the order they were queued, so the
 * tamper-evidence chain stamped by the interceptor follows the order records are appended in, even with
 * many request threads; the caller then waits for the broker's acknowledgement (acks=all, idempotent
 * producer). This used to be a lock around the producer call: under load the request threads formed a
 * convoy on it (each hand-over waits for the next thread to be scheduled, and the encoding was done under
 * it twice); the appender drains whatever is queued in one go.
 */
@Component
class EventSender implements DisposableBean {

    static final long ACK_TIMEOUT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    /** The broker did not acknowledge; the message says which event. */
    static final class NotAcknowledgedException extends Exception {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending(ProducerRecord<String, byte[]> record, CompletableFuture<SendResult<String, byte[]>> ack) {
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroEventSerializer encoder = new AvroEventSerializer();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private volatile boolean stopping;

    EventSender(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
        this.appender = new Thread(this::appendLoop, "event-appender");
        this.appender.setDaemon(true);
        this.appender.start();
    }

    void send(String topic, String key, String eventId, SpecificRecord event) throws NotAcknowledgedException {
        send(encode(topic, key, eventId, event));
    }

    /** The record as it goes on the log: Avro single-object value, event-type and event-id headers. */
    ProducerRecord<String, byte[]> encode(String topic, String key, String eventId, SpecificRecord event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, null);
        byte[] value = encoder.serialize(topic, record.headers(), event); // also adds the event-type header
        record = new ProducerRecord<>(topic, null, key, value, record.headers());
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Appends an {@link #encode encoded} record and waits for the broker's acknowledgement. */
    void send(ProducerRecord<String, byte[]> record) throws NotAcknowledgedException {
        String what = describe(record);
        Pending pending = new Pending(record, new CompletableFuture<>());
        if (stopping) {
            throw new NotAcknowledgedException("shutting down; not sent: " + what, null);
        }
        queue.add(pending);
        try {
            pending.ack().get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted waiting for the broker to acknowledge " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotAcknowledgedException("broker did not acknowledge " + what, e);
        }
    }

    private static String describe(ProducerRecord<String, byte[]> record) {
        return header(record, EventHeaders.EVENT_TYPE) + " " + header(record, EventHeaders.EVENT_ID);
    }

    /** A header's value as text, or "?" when the record has none. */
    static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void appendLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
            } catch (InterruptedException e) {
                if (!stopping) {
                    log.warn("event appender interrupted while running; going on");
                }
                continue;
            }
            for (Pending pending : batch) {
                append(pending);
            }
            batch.clear();
        }
    }

    private void append(Pending pending) {
        try {
            kafka.send(pending.record()).whenComplete((result, failure) -> {
                if (failure == null) {
                    pending.ack().complete(result);
                } else {
                    pending.ack().completeExceptionally(failure);
                }
            });
        } catch (RuntimeException | Error e) {
            // the caller answers 503 from this; the appender goes on with the next record
            pending.ack().completeExceptionally(e);
        }
    }

    /** Sends what was queued before the shutdown (the callers are still waiting), then ends the appender. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        appender.join(TimeUnit.SECONDS.toMillis(ACK_TIMEOUT_SECONDS));
        Pending left;
        while ((left = queue.poll()) != null) {
            left.ack().completeExceptionally(new IllegalStateException("api-service is shutting down"));
        }
    }
}
