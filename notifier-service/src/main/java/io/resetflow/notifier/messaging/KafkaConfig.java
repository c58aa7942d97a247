package io.resetflow.notifier.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

import io.resetflow.notifier.delivery.Deliveries;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.notifier.delivery.TemporaryDeliveryFailure;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.consume.ConsumerErrorHandler;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Sealer;

/**
 * Topics notifier-service reads and writes, and what happens to a record that fails: temporary faults are
 * retried with exponential backoff up to {@code resetflow.delivery.max-attempts}, then the record goes to
 * {@code <topic>.dlt} and a DEAD_LETTERED outcome is published; undecodable or unusable records go there at once.
 * The consumer moves on, except past a record whose outcome the broker did not take: that one is tried until it does.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /**
     * Partitions of each event topic: the most consumer threads a group can use across its instances (records are
     * keyed by tenant and user, so a user's events stay in order on one partition). api-service and token-service
     * declare the same count: KafkaAdmin only ever adds partitions, and adding them to a topic in use moves keys
     * to other partitions (drain the topic first).
     */
    static final int EVENT_PARTITIONS = 12;

    @Bean
    NewTopic linkIssuedTopic() {
        return topic(Topics.LINK_ISSUED);
    }

    @Bean
    NewTopic linkIssuedDeadLetterTopic() {
        return deadLetterTopic(Topics.LINK_ISSUED);
    }

    @Bean
    NewTopic partnerWebhookDeadLettersTopic() {
        return TopicBuilder.name(Topics.PARTNER_WEBHOOK_DEAD_LETTERS).partitions(3).replicas(1).build();
    }

    @Bean
    NewTopic deliveryOutcomeTopic() {
        return topic(Topics.DELIVERY_OUTCOME);
    }

    @Bean
    NewTopic deliveryOutcomeDeadLetterTopic() {
        return deadLetterTopic(Topics.DELIVERY_OUTCOME);
    }

    /** Compacted: the latest settings per tenant (api-service publishes; created here too so the listener can start). */
    @Bean
    NewTopic tenantSettingsTopic() {
        return TopicBuilder.name(Topics.TENANT_SETTINGS).partitions(3).replicas(1).compact().build();
    }

    @Bean
    NewTopic resetRequestedTopic() {
        return topic(Topics.RESET_REQUESTED);
    }

    @Bean
    NewTopic linkRedeemedTopic() {
        return topic(Topics.LINK_REDEEMED);
    }

    @Bean
    NewTopic passwordChangedTopic() {
        return topic(Topics.PASSWORD_CHANGED);
    }

    /*
     * Every topic a listener here reads may get a dead letter from this service (the error handlers below), so each
     * has its dead-letter topic declared: on a broker that does not create topics on first use, a dead letter with
     * nowhere to go fails its recovery, and the record it stands for is retried without end, holding its partition.
     * (link-issued's and delivery-outcome's are declared above; reset-requested's is token-service's too.)
     */

    @Bean
    NewTopic resetRequestedDeadLetterTopic() {
        return deadLetterTopic(Topics.RESET_REQUESTED);
    }

    @Bean
    NewTopic linkRedeemedDeadLetterTopic() {
        return deadLetterTopic(Topics.LINK_REDEEMED);
    }

    @Bean
    NewTopic passwordChangedDeadLetterTopic() {
        return deadLetterTopic(Topics.PASSWORD_CHANGED);
    }

    @Bean
    NewTopic tenantSettingsDeadLetterTopic() {
        return deadLetterTopic(Topics.TENANT_SETTINGS);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties,
            Deliveries deliveries, Sealer sealer) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            if (causedBy(exception, OutcomeNotPublishedException.class)) {
                // The delivery is recorded but its outcome never reached the log: moving on would lose that step of
                // the audit trail for good. Not recovered, so the record is tried again (a final row only
                // re-publishes its outcome) until the broker takes the outcome.
                throw new OutcomeNotPublishedException("not dead-lettered while its outcome is unpublished: "
                        + record.topic() + "-" + record.partition() + "@" + record.offset(), exception);
            }
            if (record.value() instanceof ResetLinkIssued event && causedBy(exception, TemporaryDeliveryFailure.class)) {
                LinkDelivery link = AvroMapping.toDomain(event, sealer);
                deliveries.beforeDeadLetter(link);
                deadLetters.accept(record, exception);
                deliveries.deadLettered(link);
            } else {
                deadLetters.accept(record, exception);
            }
        };
        // a database restart or failover says nothing about the link: it waits, it is not dead-lettered
        DefaultErrorHandler handler = new ConsumerErrorHandler(recoverer, retryBackOff(properties));
        handler.addNotRetryableExceptions(UnusableEventException.class);
        return handler;
    }

    /**
     * The partner-webhook listener's containers: it reads topics the delivery listener (or their owners) already
     * dead-letter, so a record that does not deserialize is skipped here, not dead-lettered a second time. A record
     * that could not be queued (the listener names it) is retried, without end while the database is out of reach,
     * for {@code partner-retry-for} otherwise (1 h: four attempts within seconds cost partners their events), then
     * dead-lettered.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> partnerListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            if (causedBy(exception, DeserializationException.class)) {
                log.debug("partner webhooks skip an undecodable record of {} (dead-lettered by its consumer)",
                        record.topic());
                return;
            }
            deadLetters.accept(record, exception);
        };
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        backOff.setMaxElapsedTime(properties.partnerRetryFor().toMillis());
        DefaultErrorHandler handler = new ConsumerErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnusableEventException.class, DeserializationException.class);
        factory.setCommonErrorHandler(handler);
        return factory;
    }

    /** {@code max-attempts} in all, the waits doubling from {@code initial-backoff} up to {@code max-backoff}. */
    private static ExponentialBackOffWithMaxRetries retryBackOff(NotifierKafkaProperties properties) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.maxAttempts() - 1);
        backOff.setInitialInterval(properties.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        return backOff;
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(EVENT_PARTITIONS).replicas(1).build();
    }

    private static NewTopic deadLetterTopic(String name) {
        return TopicBuilder.name(Topics.deadLetter(name)).partitions(3).replicas(1).build();
    }
}
