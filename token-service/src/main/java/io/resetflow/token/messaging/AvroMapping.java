package io.resetflow.token.messaging;

import java.time.Duration;

import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.token.issue.DeliveryChannel;
import io.resetflow.token.issue.LinkIssued;
import io.resetflow.token.issue.RequestThrottled;
import io.resetflow.token.issue.ResetRequest;
import io.resetflow.token.redeem.LinkRedeemed;

/** Avro records to domain records and back; nothing past this class sees a generated type. */
final class AvroMapping {

    private AvroMapping() {
    }

    /** @throws IllegalArgumentException when the event's content is unusable */
    static ResetRequest toDomain(ResetRequested event) {
        return new ResetRequest(event.getEventId(), event.getTenantId(), event.getCorrelationId(), event.getUserId(),
                DeliveryChannel.valueOf(event.getChannel().name()),
                event.getRecipient() == null ? null : SealedValue.fromAvro(event.getRecipient()),
                event.getMaskedRecipient(), event.getLinkBaseUrl(), Duration.ofSeconds(event.getTokenTtlSeconds()),
                Duration.ofSeconds(event.getReuseWindowSeconds()), event.getDeliveriesPerUserPerHour(),
                event.getReturnToken() || event.getChannel() == Channel.NONE);
    }

    static ResetRequestThrottled toAvro(RequestThrottled event) {
        return ResetRequestThrottled.newBuilder()
                .setEventId(event.eventId())
                .setOccurredAt(event.occurredAt())
                .setTenantId(event.tenantId())
                .setCorrelationId(event.correlationId())
                .setCausationId(event.causationId())
                .setUserId(event.userId())
                .setChannel(Channel.valueOf(event.channel().name()))
                .setMaskedRecipient(event.maskedRecipient() == null || event.maskedRecipient().isEmpty() ? null
                        : event.maskedRecipient())
                .setDeliveriesInWindow(event.deliveriesInWindow())
                .setLimit(event.limit())
                .setWindowSeconds(event.windowSeconds())
                .build();
    }

    static ResetLinkRedeemed toAvro(LinkRedeemed event) {
        return ResetLinkRedeemed.newBuilder()
                .setEventId(event.eventId())
                .setOccurredAt(event.occurredAt())
                .setTenantId(event.tenantId())
                .setCorrelationId(event.correlationId())
                .setCausationId(event.causationId())
                .setUserId(event.userId())
                .setLinkId(event.linkId().toString())
                .setIssuedAt(event.issuedAt())
                .setExpiresAt(event.expiresAt())
                .setVia(event.via())
                .build();
    }

    static ResetLinkIssued toAvro(LinkIssued event) {
        return ResetLinkIssued.newBuilder()
                .setEventId(event.eventId())
                .setOccurredAt(event.occurredAt())
                .setTenantId(event.tenantId())
                .setCorrelationId(event.correlationId())
                .setCausationId(event.causationId())
                .setUserId(event.userId())
                .setLinkId(event.linkId().toString())
                .setResend(event.resend())
                .setIssuedAt(event.issuedAt())
                .setExpiresAt(event.expiresAt())
                .setChannel(Channel.valueOf(event.channel().name()))
                .setRecipient(event.recipient().toAvro())
                .setMaskedRecipient(event.maskedRecipient())
                .setLink(event.link().toAvro())
                .build();
    }
}
