package io.resetflow.api.messaging;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.PasswordChangePublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;

/** Publishes {@link PasswordChanged} with the user's address sealed for the notifier's notice. */
@Component
class KafkaPasswordChangePublisher implements PasswordChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaPasswordChangePublisher.class);

    private final EventSender sender;
    private final Sealer sealer;

    KafkaPasswordChangePublisher(EventSender sender, Sealer sealer) {
        this.sender = sender;
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
        try {
            sender.send(Topics.PASSWORD_CHANGED, Topics.key(tenantId, userId), eventId, event);
        } catch (EventSender.NotAcknowledgedException e) {
            // The password is changed either way; the missing event is logged for operators to replay.
            log.error("PasswordChanged {} for user {} of tenant {} was not acknowledged by the broker", eventId, userId, tenantId, e);
        }
    }
}
