package io.resetflow.api.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * api-service only reads events for its timeline projection; the owning service dead-letters poison
 * messages on its own topics, so here an undecodable record is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerConfig.class);

    @Bean
    DefaultErrorHandler timelineErrorHandler() {
        return new DefaultErrorHandler((record, e) -> log.warn("skipping record {}-{}@{} in the timeline: {}",
                record.topic(), record.partition(), record.offset(), e.getMessage()), new FixedBackOff(200, 3));
    }
}
