package io.resetflow.notifier.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.webhook.PartnerEvent;
import io.resetflow.notifier.webhook.PartnerWebhooks;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.consume.RecordFailures;

/**
 * Consumes the events partners subscribe to in a group of its own ({@code <group>-webhooks}, so it never shares
 * partitions with the delivery listener) and only queues rows: a poll is acknowledged once its events are queued,
 * sending happens on the webhook dispatcher's threads, so a slow endpoint never blocks a partition. A poll is handled
 * as one batch (one subscription query, one commit) and may wait up to 200 ms to fill: partner webhooks are not on
 * the path of a reset link.
 * <p>
 * Every failure names its record ({@link BatchListenerFailedException}): the records before it are committed, it is
 * retried, and only it can be dead-lettered. A poll that failed as a whole would be retried by spring-kafka as one
 * batch, and a retry that then met a record that is no partner event would dead-letter the whole poll, the events
 * after that record never queued.
 */
@Component
class PartnerEventsListener {

    private final PartnerWebhooks webhooks;

    PartnerEventsListener(PartnerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @KafkaListener(id = "partner-webhooks", groupId = "${spring.kafka.consumer.group-id}-webhooks",
            containerFactory = "partnerListenerFactory", batch = "true",
            topics = {Topics.RESET_REQUESTED, Topics.LINK_ISSUED, Topics.DELIVERY_OUTCOME, Topics.LINK_REDEEMED,
                    Topics.PASSWORD_CHANGED},
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=200", "max.poll.records=500"})
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<PartnerEvent> events = new ArrayList<>(records.size());
        List<Integer> positions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SpecificRecord value = records.get(i).value();
            if (value == null) {
                continue; // undecodable: its own consumer dead-letters it
            }
            PartnerEvent event = null;
            RuntimeException failure = null;
            try {
                event = PartnerEventMapping.toPartnerEvent(value);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (event == null) {
                // the events before it are queued (their offsets get committed); this one is dead-lettered at once
                enqueue(events, positions, records);
                String message = "not a partner event: " + value.getSchema().getFullName()
                        + (failure == null ? "" : " (" + failure.getMessage() + ")");
                throw RecordFailures.of(message, new UnusableEventException(message, failure), i);
            }
            events.add(event);
            positions.add(i);
        }
        enqueue(events, positions, records);
    }

    /** Queues {@code events}, which came from the records at {@code positions}. */
    private void enqueue(List<PartnerEvent> events, List<Integer> positions,
            List<ConsumerRecord<String, SpecificRecord>> records) {
        try {
            webhooks.enqueue(events);
        } catch (PartnerWebhooks.NotQueued notQueued) {
            // retried from the first record not queued (with the database-outage back-off when that is the cause)
            throw RecordFailures.of(notQueued.getMessage(), notQueued.getCause(),
                    records.get(positions.get(notQueued.index())));
        }
    }
}
