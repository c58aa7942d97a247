package io.resetflow.api.messaging;


import org.springframework.stereotype.Component;

import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.PasswordChangePublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;

/**
 * Publishes {@link PasswordChanged} with the user's address sealed for the notifier's notice, through the
 * {@link EventOutbox}: the event commits with the new password, and goes out even if the broker is away just then.
 */
@Component
class KafkaPasswordChangePublisher implements PasswordChangePublisher {

    private final EventSender sender;
    private final EventOutbox outbox;
    private final Sealer sealer;

    KafkaPasswordChangePublisher(EventSender sender, EventOutbox outbox, Sealer sealer) {
        this.sender = sender;
        this.outbox = outbox;
        this.sealer = sealer;
    }

    @Override
    public void publish(PasswordChange change) {
        String tenantId = change.user().tenantId();
        String userId = change.user().id().toString();
        String eventId = change.eventId().toString();
        PasswordChanged event = PasswordChanged.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(change.occurredAt())
                .setTenantId(tenantId)
                .setCorrelationId(change.requestId() != null ? change.requestId() : eventId)
                .setCausationId(change.requestId() != null ? change.requestId() : eventId)
                .setUserId(userId)
                .setLinkId(change.linkId())
                .setVia(change.via().name())
                .setRecipient(sealer.seal(change.user().email(), "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(Mask.address(change.user().email()))
                .build();
        outbox.append(sender.encode(Topics.PASSWORD_CHANGED, Topics.key(tenantId, userId), eventId, event));
    }
}
