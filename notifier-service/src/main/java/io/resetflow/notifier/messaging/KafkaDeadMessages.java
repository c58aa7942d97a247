package io.resetflow.notifier.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.webhook.DeadMessages;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;

/** Writes dead partner messages to {@link Topics#PARTNER_WEBHOOK_DEAD_LETTERS}, keyed by tenant and endpoint. */
@Component
class KafkaDeadMessages implements DeadMessages {

    private final AcknowledgedSender sender;

    KafkaDeadMessages(AcknowledgedSender sender) {
        this.sender = sender;
    }

    @Override
    public void deadLettered(DeadMessage message) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.PARTNER_WEBHOOK_DEAD_LETTERS,
                message.tenantId() + ":" + message.endpointId(), message.payload().getBytes(StandardCharsets.UTF_8));
        header(record, EventHeaders.EVENT_TYPE, message.eventType());
        header(record, EventHeaders.WEBHOOK_TENANT, message.tenantId());
        header(record, EventHeaders.WEBHOOK_ENDPOINT, message.endpointId());
        header(record, EventHeaders.WEBHOOK_MESSAGE_ID, message.messageId());
        header(record, EventHeaders.WEBHOOK_ATTEMPTS, Integer.toString(message.attempts()));
        header(record, EventHeaders.WEBHOOK_LAST_ERROR, message.lastError());
        sender.send(record, "dead webhook message " + message.messageId());
    }

    private static void header(ProducerRecord<Object, Object> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
