package io.resetflow.notifier.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.Deliveries;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Sealer;

/**
 * Consumes ResetLinkIssued (group {@code spring.kafka.consumer.group-id}, notifier-service). The offsets of a poll
 * are committed once every record of it returned (ack-mode batch), i.e. after each one's delivery row was committed
 * and its outcome acknowledged.
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

    @KafkaListener(id = "link-issued", idIsGroup = false, topics = Topics.LINK_ISSUED,
            concurrency = "${resetflow.delivery.concurrency:6}",
            // a fetch waits for 16 KB or 25 ms, whichever comes first: under load a poll brings a batch (fewer fetch
            // requests for the broker, one commit), when quiet a link waits at most 25 ms longer. Only here: idle
            // listeners keep the default wait (500 ms), or they would ask the broker 40 times a second for nothing.
            properties = {"fetch.min.bytes=16384", "fetch.max.wait.ms=25"})
    void on(SpecificRecord value) {
        if (!(value instanceof ResetLinkIssued event)) {
            throw new UnusableEventException("not a ResetLinkIssued: "
                    + (value == null ? "null" : value.getSchema().getFullName()), null);
        }
        LinkDelivery delivery;
        try {
            delivery = AvroMapping.toDomain(event, sealer);
        } catch (Sealer.SealException | IllegalArgumentException | NullPointerException e) {
            throw new UnusableEventException("unusable ResetLinkIssued " + event.getEventId() + " (link "
                    + event.getLinkId() + "): " + e.getMessage(), e);
        }
        deliveries.deliver(delivery);
    }
}
