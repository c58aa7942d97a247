package io.resetflow.token.messaging;

import org.springframework.stereotype.Component;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.token.issue.DecisionOutbox;
import io.resetflow.token.issue.LinkIssued;
import io.resetflow.token.issue.RequestThrottled;
import io.resetflow.token.outbox.Outbox;
import io.resetflow.token.redeem.LinkRedeemed;
import io.resetflow.token.redeem.LinkRedeemedOutbox;

/** Serializes the domain events as their Avro records and appends them to the outbox, on their topics. */
@Component
class OutboxEvents implements DecisionOutbox, LinkRedeemedOutbox {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final Outbox outbox;

    OutboxEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void append(LinkIssued event) {
        ResetLinkIssued avro = AvroMapping.toAvro(event);
        outbox.append(event.eventId(), ResetLinkIssued.getClassSchema().getName(), Topics.LINK_ISSUED,
                Topics.key(event.tenantId(), event.userId()), serializer.serialize(Topics.LINK_ISSUED, avro));
    }

    @Override
    public void append(RequestThrottled event) {
        ResetRequestThrottled avro = AvroMapping.toAvro(event);
        outbox.append(event.eventId(), ResetRequestThrottled.getClassSchema().getName(), Topics.THROTTLED,
                Topics.key(event.tenantId(), event.userId()), serializer.serialize(Topics.THROTTLED, avro));
    }

    @Override
    public void append(LinkRedeemed event) {
        ResetLinkRedeemed avro = AvroMapping.toAvro(event);
        outbox.append(event.eventId(), ResetLinkRedeemed.getClassSchema().getName(), Topics.LINK_REDEEMED,
                Topics.key(event.tenantId(), event.userId()), serializer.serialize(Topics.LINK_REDEEMED, avro));
    }
}
