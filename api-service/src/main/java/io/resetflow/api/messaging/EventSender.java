package io.resetflow.api.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
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
 * <p>
 * A caller's answer is the truth about its event. A record the producer has not been handed within
 * {@link #ACK_TIMEOUT} is given up and never sent: the caller says "not recorded" and it is not. Once the producer
 * holds a record, the caller waits for the producer's own final answer (within {@code max.block.ms} +
 * {@code delivery.timeout.ms}): giving up then, as it did, answered 503 for events that still reached the log (a
 * reset link emailed for a request the client was told failed, a reveal recorded for a link never shown, tenant
 * settings published for a change rolled back).
 */
@Component
class EventSender implements DisposableBean {

    /** How long a caller waits for its record to be handed to the producer (and, usually, acknowledged). */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    /** The broker did not acknowledge; the message says which event. */
    static final class NotAcknowledgedException extends Exception {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A queued record; its caller or the appender claims it, whichever comes first. */
    private static final class Pending {

        static final int QUEUED = 0;
        static final int HANDED_OVER = 1;
        static final int GIVEN_UP = 2;

        final ProducerRecord<String, byte[]> record;
        final CompletableFuture<SendResult<String, byte[]>> ack = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(QUEUED);

        Pending(ProducerRecord<String, byte[]> record) {
            this.record = record;
        }

        boolean giveUp() {
            return state.compareAndSet(QUEUED, GIVEN_UP);
        }

        boolean handOver() {
            return state.compareAndSet(QUEUED, HANDED_OVER);
        }
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroEventSerializer encoder = new AvroEventSerializer();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private final Duration ackTimeout;
    /** Within this the producer answers for a record it was handed: a blocked send, then the delivery timeout. */
    private final Duration producerAnswersWithin;
    private volatile boolean stopping;

    @Autowired
    EventSender(KafkaTemplate<String, byte[]> kafka) {
        this(kafka, ACK_TIMEOUT);
    }

    EventSender(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
        Map<String, Object> producer = kafka.getProducerFactory().getConfigurationProperties();
        this.producerAnswersWithin = Duration.ofMillis(millis(producer, ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000)
                + millis(producer, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000) + 1_000);
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

    /**
     * Appends an {@link #encode encoded} record and waits for the broker's acknowledgement.
     *
     * @throws NotAcknowledgedException when the event is not on the log: refused, or given up before the producer had
     *         it (a thread interrupted while the producer had it is the one case where it may still get there)
     */
    void send(ProducerRecord<String, byte[]> record) throws NotAcknowledgedException {
        String what = describe(record);
        Pending pending = new Pending(record);
        if (stopping) {
            throw new NotAcknowledgedException("shutting down; not sent: " + what, null);
        }
        queue.add(pending);
        try {
            try {
                pending.ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (pending.giveUp()) {
                    throw new NotAcknowledgedException("not handed to the producer within " + ackTimeout + "; never sent: "
                            + what, notYet);
                }
                // the producer has it: only its answer tells whether the event is on the log
                pending.ack.get(producerAnswersWithin.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted waiting for the broker to acknowledge " + what
                    + (pending.giveUp() ? "; never sent" : "; it may still be recorded"), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotAcknowledgedException("broker did not acknowledge " + what, e);
        }
    }

    private static long millis(Map<String, Object> config, String name, long otherwise) {
        Object value = config.get(name);
        return value == null ? otherwise : Long.parseLong(value.toString());
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
        if (!pending.handOver()) {
            log.debug("not sending {}: its caller gave up before it was handed over", describe(pending.record));
            return;
        }
        try {
            kafka.send(pending.record).whenComplete((result, failure) -> {
                if (failure == null) {
                    pending.ack.complete(result);
                } else {
                    pending.ack.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException | Error e) {
            // the caller answers 503 from this; the appender goes on with the next record
            pending.ack.completeExceptionally(e);
        }
    }

    /** Sends what was queued before the shutdown (the callers are still waiting), then ends the appender. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        appender.join(ackTimeout.toMillis());
        Pending left;
        while ((left = queue.poll()) != null) {
            left.giveUp();
            left.ack.completeExceptionally(new IllegalStateException("api-service is shutting down"));
        }
    }
}
