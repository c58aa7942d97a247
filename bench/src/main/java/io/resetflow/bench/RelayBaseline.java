package io.resetflow.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical ceiling of the design on this broker: producer → relay → relay → consumer over four topics, each hop
 * a consumer that re-produces what it reads with the services' producer settings (acks=all, idempotent, linger 2 ms),
 * no database, no work. Two passes: as fast as it goes (throughput), then open loop at the end-to-end target rate
 * (latency at the same offered load as resetflow gets).
 */
final class RelayBaseline {
    static final int HOPS = 3;
    static final int PARTITIONS = 3;
    static final int VALUE_BYTES = 400; // about a ResetLinkIssued

    record Result(long messages, double seconds, double messagesPerSecond, LatencyStats.Summary latency) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messages", messages);
            m.put("seconds", seconds);
            m.put("messagesPerSecond", messagesPerSecond);
            m.put("latency", latency.json());
            return m;
        }
    }

    private final String bootstrap;

    RelayBaseline(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Sends {@code messages} as fast as the producer takes them (rate <= 0) or at {@code rate}/s; bounded by timeout. */
    Result run(String name, long messages, double rate, Duration timeout) throws Exception {
        String prefix = "bench.relay." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < HOPS; i++) {
            topics.add(prefix + i);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get();
        }
        LatencyStats latency = new LatencyStats();
        AtomicLong received = new AtomicLong();
        AtomicLong lastReceivedNanos = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
        List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
        volatileStop = false;
        java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(HOPS);
        try {
            // hop h reads topic h-1; hops 1..HOPS-1 re-produce to topic h, the last one only measures
            for (int hop = 1; hop <= HOPS; hop++) {
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(prefix + "g" + hop));
                consumers.add(consumer);
                String from = topics.get(hop - 1);
                boolean last = hop == HOPS;
                KafkaProducer<String, byte[]> producer = last ? null : new KafkaProducer<>(producerProps());
                if (producer != null) {
                    producers.add(producer);
                }
                String to = last ? null : topics.get(hop);
                Thread thread = new Thread(() -> relay(consumer, from, producer, to, latency, received, lastReceivedNanos, assigned),
                        "relay-hop-" + hop);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            if (!assigned.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("relay consumers not assigned within 30 s");
            }

            KafkaProducer<String, byte[]> source = new KafkaProducer<>(producerProps());
            producers.add(source);
            long started = System.nanoTime();
            long interval = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
            long deadline = started + timeout.toNanos();
            long sent = 0;
            for (long i = 0; i < messages && System.nanoTime() < deadline; i++) {
                if (interval > 0) {
                    long due = started + i * interval;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(Math.min(wait, 1_000_000));
                    }
                }
                byte[] value = new byte[VALUE_BYTES];
                ByteBuffer.wrap(value).putLong(System.nanoTime()).putLong(i);
                source.send(new ProducerRecord<>(topics.get(0), "demo:user-" + (i % 10_000), value));
                sent++;
            }
            source.flush();
            while (received.get() < sent && System.nanoTime() < deadline) {
                LockSupport.parkNanos(5_000_000);
            }
            long end = received.get() > 0 ? lastReceivedNanos.get() : System.nanoTime();
            double seconds = (end - started) / 1e9;
            return new Result(received.get(), seconds, received.get() / Math.max(seconds, 1e-9), latency.summary());
        } finally {
            volatileStop = true;
            for (Thread t : threads) {
                t.join(10_000);
            }
            producers.forEach(p -> p.close(Duration.ofSeconds(5)));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.deleteTopics(topics).all().get();
            } catch (Exception ignored) {
                // leave them
            }
        }
    }

    private volatile boolean volatileStop;

    private void relay(KafkaConsumer<String, byte[]> consumer, String from, KafkaProducer<String, byte[]> producer, String to,
                       LatencyStats latency, AtomicLong received, AtomicLong lastReceived,
                       java.util.concurrent.CountDownLatch assigned) {
        try (consumer) {
            consumer.subscribe(List.of(from), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                private boolean counted;

                @Override
                public void onPartitionsRevoked(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
                    if (!counted && !partitions.isEmpty()) {
                        counted = true;
                        assigned.countDown();
                    }
                }
            });
            while (!volatileStop) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (producer != null) {
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                    } else {
                        long now = System.nanoTime();
                        latency.add((now - ByteBuffer.wrap(record.value()).getLong()) / 1000);
                        lastReceived.set(now);
                        received.incrementAndGet();
                    }
                }
            }
        }
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return p;
    }

    private Properties consumerProps(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
