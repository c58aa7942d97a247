package io.resetflow.api.messaging;


import org.springframework.stereotype.Component;

import io.resetflow.api.intake.ResetRequest;
import io.resetflow.api.intake.ResetRequestPublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;

/**
 * The Kafka edge of the intake: maps a {@link ResetRequest} to the Avro {@link ResetRequested},
 * sealing the address so that only the notifier can read it, and waits for the broker's
 * acknowledgement (acks=all, idempotent producer) before the caller answers 200.
 */
@Component
class KafkaResetRequestPublisher implements ResetRequestPublisher {

    private final EventSender sender;
    private final Sealer sealer;

    KafkaResetRequestPublisher(EventSender sender, Sealer sealer) {
        this.sender = sender;
        this.sealer = sealer;
    }

    @Override
    public void publish(ResetRequest request) {
        ResetRequested event = toEvent(request);
        String userId = request.userId() == null ? null : request.userId().toString();
        try {
            sender.send(Topics.RESET_REQUESTED, Topics.key(request.tenant().id(), userId), event.getEventId(), event);
        } catch (EventSender.NotAcknowledgedException e) {
            throw new PublishFailedException(e.getMessage(), e);
        }
    }

    ResetRequested toEvent(ResetRequest request) {
        String tenantId = request.tenant().id();
        String requestId = request.requestId().toString();
        String address = request.recipientAddress();
        return ResetRequested.newBuilder()
                .setEventId(requestId)
                .setOccurredAt(request.occurredAt())
                .setTenantId(tenantId)
                .setCorrelationId(requestId)
                .setCausationId(requestId)
                .setUserId(request.userId() == null ? null : request.userId().toString())
                .setOrigin(request.origin().name())
                .setActorType(request.requester() == null ? null : request.requester().type().name())
                .setActorId(request.requester() == null ? null : request.requester().id())
                .setChannel(Channel.valueOf(request.channel().name()))
                .setReturnToken(request.returnToken())
                .setRecipient(address == null ? null : sealer.seal(address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(address == null ? null : Mask.address(address))
                .setLinkBaseUrl(request.tenant().linkBaseUrl())
                .setTokenTtlSeconds(request.tenant().tokenTtl().toSeconds())
                .setReuseWindowSeconds(request.tenant().reuseWindow().toSeconds())
                .setDeliveriesPerUserPerHour(request.tenant().deliveriesPerUserPerHour())
                .build();
    }
}
