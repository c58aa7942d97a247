package io.resetflow.api.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.resetflow.schemas.Topics;

/**
 * Declares the topics api-service publishes to, so they exist before the first request, and those its timeline reads:
 * a consumer that subscribes first to a topic nobody made yet gets it auto-created with the broker's default
 * partition count, and after the owner raises that to {@link #EVENT_PARTITIONS} the consumer reads only the first
 * partitions until its next metadata refresh (minutes), so the history misses events.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    /**
     * Partitions of each event topic: the most consumer threads a group can use across its instances (records are
     * keyed by tenant and user, so a user's events stay in order on one partition). token-service and
     * notifier-service declare the same count: KafkaAdmin only ever adds partitions, and adding them to a topic in
     * use moves keys to other partitions (drain the topic first).
     */
    static final int EVENT_PARTITIONS = 12;

    @Bean
    NewTopic resetRequested() {
        return eventTopic(Topics.RESET_REQUESTED);
    }

    /** Compacted: the latest record per tenant is its current settings. */
    @Bean
    NewTopic tenantSettingsTopic() {
        return TopicBuilder.name(Topics.TENANT_SETTINGS).partitions(3).replicas(1).compact().build();
    }

    @Bean
    NewTopic linkRevealed() {
        return eventTopic(Topics.LINK_REVEALED);
    }

    @Bean
    NewTopic passwordChanged() {
        return eventTopic(Topics.PASSWORD_CHANGED);
    }

    @Bean
    NewTopic linkIssued() {
        return eventTopic(Topics.LINK_ISSUED);
    }

    @Bean
    NewTopic throttled() {
        return eventTopic(Topics.THROTTLED);
    }

    @Bean
    NewTopic deliveryOutcome() {
        return eventTopic(Topics.DELIVERY_OUTCOME);
    }

    @Bean
    NewTopic linkRedeemed() {
        return eventTopic(Topics.LINK_REDEEMED);
    }

    private static NewTopic eventTopic(String name) {
        return TopicBuilder.name(name).partitions(EVENT_PARTITIONS).replicas(1).build();
    }
}
