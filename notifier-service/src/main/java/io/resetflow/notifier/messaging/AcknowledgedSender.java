package io.resetflow.notifier.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Sends a record and waits for the broker's acknowledgement (acks=all) within {@code send-timeout}. */
@Component
class AcknowledgedSender {

    private final KafkaTemplate<Object, Object> kafka;
    private final NotifierKafkaProperties properties;

    AcknowledgedSender(KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** @throws OutcomeNotPublishedException naming {@code what} when the broker did not acknowledge in time */
    void send(ProducerRecord<Object, Object> record, String what) {
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeNotPublishedException("interrupted while publishing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OutcomeNotPublishedException(what + " not acknowledged", e);
        }
    }
}
