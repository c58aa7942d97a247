package io.resetflow.api.messaging;

import org.springframework.stereotype.Component;

import io.resetflow.api.reveal.LinkReveal;
import io.resetflow.api.reveal.LinkRevealPublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkRevealed;
import io.resetflow.schemas.seal.Mask;

/** Publishes {@link ResetLinkRevealed}: the actor by id and masked address, never the link. */
@Component
class KafkaLinkRevealPublisher implements LinkRevealPublisher {

    private final EventSender sender;

    KafkaLinkRevealPublisher(EventSender sender) {
        this.sender = sender;
    }

    @Override
    public void publish(LinkReveal reveal) throws NotRecordedException {
        String eventId = reveal.eventId().toString();
        String userId = reveal.userId().toString();
        String correlationId = reveal.requestId() != null ? reveal.requestId() : eventId;
        ResetLinkRevealed event = ResetLinkRevealed.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(reveal.occurredAt())
                .setTenantId(reveal.tenantId())
                .setCorrelationId(correlationId)
                .setCausationId(reveal.issuedEventId() != null ? reveal.issuedEventId() : correlationId)
                .setUserId(userId)
                .setLinkId(reveal.linkId())
                .setAction(reveal.action().name())
                .setActorType(reveal.actorType().name())
                .setActorId(reveal.actorId())
                .setMaskedActor(reveal.actorEmail() == null ? null : Mask.address(reveal.actorEmail()))
                .build();
        try {
            sender.send(Topics.LINK_REVEALED, Topics.key(reveal.tenantId(), userId), eventId, event);
        } catch (EventSender.NotAcknowledgedException e) {
            throw new NotRecordedException("the event log did not acknowledge reveal " + eventId, e);
        }
    }
}
