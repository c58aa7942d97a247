package io.resetflow.notifier.messaging;

import java.util.List;

import io.resetflow.notifier.delivery.DeliveryChannel;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.notifier.delivery.Outcome;
import io.resetflow.notifier.delivery.PasswordChangeNotice;
import io.resetflow.notifier.delivery.Secret;
import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.TenantSettingsChanged;
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
                new Secret(sealer.open(SealedValue.fromAvro(event.getLink()), "link:" + tenantId)),
                event.getLocale());
    }

    static TenantSettings toDomain(TenantSettingsChanged event) {
        return new TenantSettings(event.getTenantId(), event.getEventId(), event.getOccurredAt(),
                event.getSetPasswordWebhookUrl(), event.getSenderName(), event.getSenderAddress(),
                event.getSmsAllowedCountryCodes() == null ? List.of()
                        : event.getSmsAllowedCountryCodes().stream().map(CharSequence::toString).toList(),
                event.getSmsDailyCapPerNumber(),
                event.getWebhookSigningSecret() == null ? null : SealedValue.fromAvro(event.getWebhookSigningSecret()));
    }

    /** @throws Sealer.SealException when the address does not open with the key ring */
    static PasswordChangeNotice toDomain(PasswordChanged event, Sealer sealer) {
        Secret address = event.getRecipient() == null ? null
                : new Secret(sealer.open(SealedValue.fromAvro(event.getRecipient()), "recipient:" + event.getTenantId()));
        return new PasswordChangeNotice(event.getEventId(), event.getTenantId(), event.getUserId(),
                event.getOccurredAt(), address, event.getMaskedRecipient(), event.getLocale());
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
