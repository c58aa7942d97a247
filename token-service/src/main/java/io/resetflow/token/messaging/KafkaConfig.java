package io.resetflow.token.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.consume.ConsumerErrorHandler;

/**
 * Topics token-service reads and writes, and what happens to a record that fails: a few quick retries for
 * transient faults, then {@code <topic>.dlt}; undecodable or unusable records go there at once, and the
 * consumer moves on.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig implements DisposableBean {

    private static final long RETRY_INTERVAL_MS = 200;
    private static final long RETRIES = 3;
    /**
     * Partitions of each event topic: the most consumer threads the group can use across its instances (records
     * are keyed by tenant and user, so a user's requests stay in order on one partition). api-service and
     * notifier-service declare the same count: KafkaAdmin only ever adds partitions, and adding them to a topic in
     * use moves keys to other partitions (drain the topic first).
     */
    static final int EVENT_PARTITIONS = 12;

    private KafkaTemplate<Object, Object> deadLetters;

    @Bean
    NewTopic resetRequestedTopic() {
        return topic(Topics.RESET_REQUESTED);
    }

    @Bean
    NewTopic resetRequestedDeadLetterTopic() {
        return deadLetterTopic(Topics.RESET_REQUESTED);
    }

    @Bean
    NewTopic linkIssuedTopic() {
        return topic(Topics.LINK_ISSUED);
    }

    @Bean
    NewTopic linkIssuedDeadLetterTopic() {
        return deadLetterTopic(Topics.LINK_ISSUED);
    }

    @Bean
    NewTopic linkRedeemedTopic() {
        return topic(Topics.LINK_REDEEMED);
    }

    @Bean
    NewTopic throttledTopic() {
        return topic(Topics.THROTTLED);
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultErrorHandler kafkaErrorHandler(ProducerFactory<String, byte[]> producerFactory) {
        // Same producer settings (acks=all, idempotent), with a value serializer that also takes Avro records.
        deadLetters = new KafkaTemplate<>((ProducerFactory) producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, io.resetflow.schemas.serde.EventValueSerializer.class));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        // a database restart or failover says nothing about the request: it waits, it is not dead-lettered
        DefaultErrorHandler handler = new ConsumerErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRIES));
        handler.addNotRetryableExceptions(UnusableEventException.class);
        return handler;
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(EVENT_PARTITIONS).replicas(1).build();
    }

    private static NewTopic deadLetterTopic(String name) {
        return TopicBuilder.name(Topics.deadLetter(name)).partitions(3).replicas(1).build();
    }

    @Override
    public void destroy() {
        if (deadLetters != null) {
            deadLetters.destroy();
        }
    }
}
