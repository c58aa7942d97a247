package io.resetflow.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.resetflow.testsupport.Infrastructure;
import io.resetflow.testsupport.TopicLog;

/**
 * A caller's answer is the truth about its event, against the real broker: a record its caller gave up on before the
 * producer had it is never sent, and a caller whose record the producer holds waits for the producer's answer instead
 * of reporting a failure for an event that then reaches the log.
 */
class EventSenderIntegrationTest {

    private static final String TOPIC = "event-sender-test";
    /** Long enough that a starved appender still hands over the records that must go; the held one waits regardless. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private EventSender sender;

    @AfterEach
    void close() throws InterruptedException {
        HoldingInterceptor.release();
        sender.destroy();
        producers.destroy();
    }

    @Test
    void a_record_given_up_before_the_hand_over_is_never_sent_and_one_the_producer_holds_is_waited_for() throws Exception {
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, HoldingInterceptor.class.getName()),
                new StringSerializer(), new ByteArraySerializer());
        sender = new EventSender(new KafkaTemplate<>(producers), ACK_TIMEOUT);
        HoldingInterceptor.hold();
        String held = HoldingInterceptor.HELD_PREFIX + UUID.randomUUID();
        String givenUp = "given-up-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();

        // the appender hands the first record over; the producer is stuck in it (as in a long metadata wait)
        CompletableFuture<Void> heldCall = CompletableFuture.runAsync(() -> send(held));
        assertThat(HoldingInterceptor.entered.await(30, TimeUnit.SECONDS)).isTrue();
        // the next one stays queued behind it: its caller gives up, and says it was never sent
        assertThatThrownBy(() -> sender.send(record(givenUp)))
                .isInstanceOf(EventSender.NotAcknowledgedException.class).hasMessageContaining("never sent");
        // the first caller's wait is over too, but the producer holds its record: it waits for the answer
        assertThat(heldCall).isNotDone();

        HoldingInterceptor.release();
        heldCall.get(30, TimeUnit.SECONDS);
        sender.send(record(after));

        try (TopicLog log = new TopicLog(TOPIC)) {
            assertThat(log.readToEnd(r -> held.equals(r.key()) || givenUp.equals(r.key()) || after.equals(r.key()),
                    Duration.ofSeconds(30))).extracting(r -> r.key()).containsExactly(held, after);
        }
    }

    private void send(String key) {
        try {
            sender.send(record(key));
        } catch (EventSender.NotAcknowledgedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All on one partition (the shared broker makes three), so the log's order is the order of appending. */
    private static ProducerRecord<String, byte[]> record(String key) {
        return new ProducerRecord<>(TOPIC, 0, key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Holds the producer's send of a record whose key starts with {@link #HELD_PREFIX} until released. */
    public static final class HoldingInterceptor implements ProducerInterceptor<String, byte[]> {

        static final String HELD_PREFIX = "held-";
        static volatile CountDownLatch entered = new CountDownLatch(1);
        private static volatile CountDownLatch released = new CountDownLatch(0);

        static void hold() {
            entered = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        static void release() {
            released.countDown();
        }

        @Override
        public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
            if (record.key() != null && record.key().startsWith(HELD_PREFIX)) {
                entered.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
