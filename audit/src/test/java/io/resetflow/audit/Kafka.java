package io.resetflow.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.chain.ChainInterceptor;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.Infrastructure;

/** The module's real broker, and producers configured as the services configure theirs. */
final class Kafka {

    private Kafka() {
    }

    static String bootstrap() {
        return Infrastructure.shared().kafkaBootstrapServers();
    }

    /** acks=all, idempotent, Avro values, chained by {@link ChainInterceptor}: what the services run. */
    static KafkaProducer<String, SpecificRecord> eventProducer(String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, ChainInterceptor.class.getName());
        return new KafkaProducer<>(p, new StringSerializer(), new AvroEventSerializer());
    }

    /** Writes records exactly as given: for loading recorded logs and forging corrupted ones. */
    static KafkaProducer<byte[], byte[]> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one event to its topic with the key and event-id header the services use; waits for the ack. */
    static void send(KafkaProducer<String, SpecificRecord> producer, SpecificRecord event) {
        String type = event.getSchema().getName();
        String tenant = String.valueOf(event.get(event.getSchema().getField("tenantId").pos()));
        org.apache.avro.Schema.Field user = event.getSchema().getField("userId");
        Object userId = user == null ? null : event.get(user.pos());
        String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(Topics.TOPIC_BY_EVENT.get(type),
                Topics.key(tenant, userId == null ? null : userId.toString()), event);
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge " + type + " " + eventId, e);
        }
    }

    static void createTopics(List<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topics, e);
        }
    }
}
