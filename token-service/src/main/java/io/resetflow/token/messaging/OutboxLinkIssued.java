package io.resetflow.token.messaging;

import org.springframework.stereotype.Component;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.token.issue.LinkIssued;
import io.resetflow.token.issue.LinkIssuedOutbox;
import io.resetflow.token.outbox.Outbox;

/** Serializes a {@link LinkIssued} as the Avro ResetLinkIssued and appends it to the outbox. */
@Component
class OutboxLinkIssued implements LinkIssuedOutbox {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final Outbox outbox;

    OutboxLinkIssued(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void append(LinkIssued event) {
        ResetLinkIssued avro = AvroMapping.toAvro(event);
        outbox.append(event.eventId(), ResetLinkIssued.getClassSchema().getName(), Topics.LINK_ISSUED,
                Topics.key(event.tenantId(), event.userId()), serializer.serialize(Topics.LINK_ISSUED, avro));
    }
}
