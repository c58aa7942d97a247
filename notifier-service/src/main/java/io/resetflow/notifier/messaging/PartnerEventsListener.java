package io.resetflow.notifier.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.webhook.PartnerEvent;
import io.resetflow.notifier.webhook.PartnerWebhooks;
import io.resetflow.schemas.Topics;

/**
 * Consumes the events partners subscribe to in a group of its own ({@code <group>-webhooks}, so it never shares
 * partitions with the delivery listener) and only queues rows: the record is acknowledged at once, sending happens
 * on the webhook dispatcher's threads, so a slow endpoint never blocks a partition.
 */
@Component
class PartnerEventsListener {

    private final PartnerWebhooks webhooks;

    PartnerEventsListener(PartnerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @KafkaListener(id = "partner-webhooks", groupId = "${spring.kafka.consumer.group-id}-webhooks",
            containerFactory = "partnerListenerFactory",
            topics = {Topics.RESET_REQUESTED, Topics.LINK_ISSUED, Topics.DELIVERY_OUTCOME, Topics.LINK_REDEEMED,
                    Topics.PASSWORD_CHANGED})
    void on(SpecificRecord value) {
        if (value == null) {
            return;
        }
        PartnerEvent event = PartnerEventMapping.toPartnerEvent(value);
        if (event == null) {
            throw new UnusableEventException("not a partner event: " + value.getSchema().getFullName(), null);
        }
        webhooks.enqueue(event);
    }
}
