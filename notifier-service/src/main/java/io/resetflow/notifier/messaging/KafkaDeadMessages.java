package io.resetflow.notifier.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.webhook.DeadMessages;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;

/** Writes dead partner messages to {@link Topics#PARTNER_WEBHOOK_DEAD_LETTERS}, keyed by tenant and endpoint. */
@Component
class KafkaDeadMessages implements DeadMessages {

    private final KafkaTemplate<Object, Object> kafka;
    private final NotifierKafkaProperties properties;

    KafkaDeadMessages(KafkaTemplate<Object, Object> kafka, NotifierKafkaProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
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
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering webhook message " + message.messageId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead webhook message " + message.messageId() + " not acknowledged", e);
        }
    }

    private static void header(ProducerRecord<Object, Object> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
