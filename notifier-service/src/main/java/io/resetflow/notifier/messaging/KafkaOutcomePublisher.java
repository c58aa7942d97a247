package io.resetflow.notifier.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.Outcome;
import io.resetflow.notifier.delivery.OutcomePublisher;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;

/** Publishes DeliveryOutcome (key {@code tenantId:userId}) and waits for the broker's acknowledgement. */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

    private final KafkaTemplate<Object, Object> kafka;
    private final NotifierKafkaProperties properties;

    KafkaOutcomePublisher(KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    @Override
    public void publish(Outcome outcome) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.DELIVERY_OUTCOME,
                Topics.key(outcome.tenantId(), outcome.userId()), AvroMapping.toAvro(outcome));
        record.headers().add(EventHeaders.EVENT_ID, outcome.eventId().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeNotPublishedException("interrupted while publishing outcome " + outcome.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OutcomeNotPublishedException("outcome " + outcome.eventId() + " of link " + outcome.linkId()
                    + " not acknowledged", e);
        }
    }
}
