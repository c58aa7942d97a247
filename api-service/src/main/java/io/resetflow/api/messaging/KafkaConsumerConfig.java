package io.resetflow.api.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import io.resetflow.schemas.consume.ConsumerErrorHandler;

/**
 * api-service only reads events for its timeline projection; the owning service dead-letters poison
 * messages on its own topics, so here an undecodable record is logged and skipped, and so is an event whose entry the
 * database refuses after 4 attempts (the listener names it; the others of its poll are written). While the database is
 * out of reach the timeline waits instead (the listener reports the outage on the batch's first record).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerConfig.class);

    @Bean
    DefaultErrorHandler timelineErrorHandler() {
        // a database restart or failover says nothing about the events: the timeline waits for it, skips none
        return new ConsumerErrorHandler((record, e) -> log.warn(
                "skipping record {}-{}@{} in the timeline: {}", record.topic(), record.partition(), record.offset(),
                e.getMessage()), new FixedBackOff(200, 3));
    }
}
