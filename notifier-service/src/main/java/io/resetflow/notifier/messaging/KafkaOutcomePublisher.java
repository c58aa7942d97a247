package io.resetflow.notifier.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.Outcome;
import io.resetflow.notifier.delivery.OutcomePublisher;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;

/** Publishes DeliveryOutcome (key {@code tenantId:userId}); the caller waits for the broker's acknowledgement. */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

    private final AcknowledgedSender sender;

    KafkaOutcomePublisher(AcknowledgedSender sender) {
        this.sender = sender;
    }

    @Override
    public Published publish(Outcome outcome) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.DELIVERY_OUTCOME,
                Topics.key(outcome.tenantId(), outcome.userId()), AvroMapping.toAvro(outcome));
        record.headers().add(EventHeaders.EVENT_ID, outcome.eventId().getBytes(StandardCharsets.UTF_8));
        return sender.sendLater(record, "outcome " + outcome.eventId() + " of link " + outcome.linkId())::run;
    }
}
