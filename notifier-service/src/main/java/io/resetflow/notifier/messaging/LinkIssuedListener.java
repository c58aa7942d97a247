package io.resetflow.notifier.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.Deliveries;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.notifier.delivery.OutcomePublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.consume.RecordFailures;
import io.resetflow.schemas.seal.Sealer;

/**
 * Consumes ResetLinkIssued (group {@code spring.kafka.consumer.group-id}, notifier-service) a poll at a time: the
 * poll's links are delivered in order ({@link Deliveries#deliverAll}: their attempts counted in one statement, each
 * sent, their results recorded in one statement, their outcomes handed to the producer), and the listener returns,
 * so the poll's offsets may be committed, only once every outcome of the poll was acknowledged; the outcomes of a
 * poll travel in a few produce requests instead of one each. When a record fails (or its outcome was
 * not acknowledged), the records before it are committed and it is retried with backoff, then dead-lettered (the
 * error handler keeps its attempt count across other partitions' polls, {@link io.resetflow.schemas.consume.ConsumerErrorHandler}); an
 * undecodable or unusable record is dead-lettered at once. The offsets of handled polls are committed once a second,
 * the error handler's own commits at once: a rebalance or crash right after a dead-lettering may commit an older
 * offset of that partition and replay the dead-lettered link, which is then attempted again (at least once, as any
 * replay).
 * {@code resetflow.delivery.concurrency} threads (6; each keeps its SMTP connection) share the topic's partitions;
 * a user's links stay in order, their key is the user.
 */
@Component
class LinkIssuedListener {

    private final Deliveries deliveries;
    private final Sealer sealer;

    LinkIssuedListener(Deliveries deliveries, Sealer sealer) {
        this.deliveries = deliveries;
        this.sealer = sealer;
    }

    @KafkaListener(id = "link-issued", idIsGroup = false, topics = Topics.LINK_ISSUED, batch = "true",
            // fetches keep the client's defaults (see token-service's application.yml): a link is fetched as soon as
            // it is there, and under load the links that came while a poll was delivered make the next batch
            concurrency = "${resetflow.delivery.concurrency:6}")
    void on(List<ConsumerRecord<String, Object>> records) {
        List<LinkDelivery> links = new ArrayList<>(records.size());
        RuntimeException unusable = null;
        for (ConsumerRecord<String, Object> record : records) {
            try {
                links.add(toDelivery(record));
            } catch (RuntimeException e) {
                // the links before it are delivered, then it is reported (an unusable one is dead-lettered at once)
                unusable = e;
                break;
            }
        }
        List<OutcomePublisher.Published> published;
        try {
            published = deliveries.deliverAll(links);
        } catch (Deliveries.PollInterrupted interrupted) {
            throw failed(interrupted.published(), records, interrupted.index(), interrupted.getCause());
        }
        if (unusable != null) {
            throw failed(published, records, links.size(), unusable);
        }
        awaitAcknowledgements(published, records);
    }

    /**
     * Record {@code index} failed: waits for the outcomes of the records before it, so that their offsets may be
     * committed, and reports it (or the first of them whose outcome was not acknowledged).
     */
    private static BatchListenerFailedException failed(List<OutcomePublisher.Published> published,
            List<ConsumerRecord<String, Object>> records, int index, RuntimeException cause) {
        try {
            awaitAcknowledgements(published, records);
        } catch (BatchListenerFailedException earlier) {
            earlier.addSuppressed(cause);
            return earlier;
        }
        return RecordFailures.of(cause.getMessage(), cause, records.get(index));
    }

    /** Waits for the outcomes of {@code records}' first {@code published.size()} records, in order. */
    private static void awaitAcknowledgements(List<OutcomePublisher.Published> published,
            List<ConsumerRecord<String, Object>> records) {
        for (int i = 0; i < published.size(); i++) {
            try {
                published.get(i).awaitAcknowledgement();
            } catch (RuntimeException e) {
                // this record is redone (its row is final: the outcome is published again), and so are those after it
                throw RecordFailures.of(e.getMessage(), e, records.get(i));
            }
        }
    }

    private LinkDelivery toDelivery(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        if (value == null) {
            // ErrorHandlingDeserializer left no value: the bytes are not an event (the dead letter keeps them)
            throw new UnusableEventException("undecodable record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), null);
        }
        if (!(value instanceof ResetLinkIssued event)) {
            throw new UnusableEventException("not a ResetLinkIssued: " + value.getClass().getName(), null);
        }
        try {
            return AvroMapping.toDomain(event, sealer);
        } catch (Sealer.SealException | IllegalArgumentException | NullPointerException e) {
            throw new UnusableEventException("unusable ResetLinkIssued " + event.getEventId() + " (link "
                    + event.getLinkId() + "): " + e.getMessage(), e);
        }
    }
}
