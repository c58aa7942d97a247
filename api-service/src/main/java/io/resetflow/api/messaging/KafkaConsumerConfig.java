package io.resetflow.api.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.resetflow.schemas.consume.DatabaseOutage;

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
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> log.warn(
                "skipping record {}-{}@{} in the timeline: {}", record.topic(), record.partition(), record.offset(),
                e.getMessage()), new FixedBackOff(200, 3));
        // a database restart or failover says nothing about the events: the timeline waits for it, skips none
        handler.setBackOffFunction((record, exception) -> DatabaseOutage.causes(exception) ? untilTheDatabaseIsBack() : null);
        return handler;
    }

    /** 1 s doubling to 30 s, without end: an outage skips nothing, however long it lasts. */
    private static BackOff untilTheDatabaseIsBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }
}
