package io.resetflow.notifier.messaging;

import io.resetflow.notifier.delivery.DeliveryChannel;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.notifier.delivery.Outcome;
import io.resetflow.notifier.delivery.Secret;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;

/** Avro events to and from the delivery feature's records; opens the sealed address and link. */
final class AvroMapping {

    private AvroMapping() {
    }

    /** @throws Sealer.SealException when the address or link does not open with the key ring */
    static LinkDelivery toDomain(ResetLinkIssued event, Sealer sealer) {
        String tenantId = event.getTenantId();
        return new LinkDelivery(
                event.getEventId(),
                tenantId,
                event.getCorrelationId(),
                event.getUserId(),
                event.getLinkId(),
                event.getResend(),
                event.getExpiresAt(),
                channel(event.getChannel()),
                new Secret(sealer.open(SealedValue.fromAvro(event.getRecipient()), "recipient:" + tenantId)),
                event.getMaskedRecipient(),
                new Secret(sealer.open(SealedValue.fromAvro(event.getLink()), "link:" + tenantId)));
    }

    static DeliveryOutcome toAvro(Outcome outcome) {
        return DeliveryOutcome.newBuilder()
                .setEventId(outcome.eventId())
                .setOccurredAt(outcome.occurredAt())
                .setTenantId(outcome.tenantId())
                .setCorrelationId(outcome.correlationId())
                .setCausationId(outcome.causationId())
                .setUserId(outcome.userId())
                .setLinkId(outcome.linkId())
                .setChannel(Channel.valueOf(outcome.channel().name()))
                .setMaskedRecipient(outcome.maskedRecipient())
                .setStatus(DeliveryStatus.valueOf(outcome.status().name()))
                .setAttempt(outcome.attempt())
                .setReason(outcome.reason())
                .setProviderMessageId(outcome.providerMessageId())
                .build();
    }

    private static DeliveryChannel channel(Channel channel) {
        return switch (channel) {
            case EMAIL -> DeliveryChannel.EMAIL;
            case SMS -> DeliveryChannel.SMS;
            case WEBHOOK -> DeliveryChannel.WEBHOOK;
            case NONE -> DeliveryChannel.NONE;
            case UNKNOWN -> DeliveryChannel.UNKNOWN;
        };
    }
}
