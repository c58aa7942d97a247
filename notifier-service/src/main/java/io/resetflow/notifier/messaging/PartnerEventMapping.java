package io.resetflow.notifier.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import io.resetflow.notifier.webhook.PartnerEvent;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetRequested;

/**
 * Avro events to the data partners see. Sealed values (addresses, links) are never copied: partners get ids, masked
 * addresses, channels, times and statuses only.
 */
final class PartnerEventMapping {

    private PartnerEventMapping() {
    }

    /** Null for a record that is not a partner event. */
    static PartnerEvent toPartnerEvent(SpecificRecord value) {
        if (value instanceof ResetRequested e) {
            Map<String, Object> data = base(e.getTenantId(), e.getUserId(), e.getCorrelationId());
            data.put("origin", e.getOrigin());
            data.put("channel", e.getChannel().name());
            data.put("maskedRecipient", e.getMaskedRecipient());
            data.put("returnToken", e.getReturnToken());
            data.put("locale", e.getLocale());
            return new PartnerEvent(e.getEventId(), "ResetRequested", e.getTenantId(), e.getUserId(), e.getOccurredAt(), data);
        }
        if (value instanceof ResetLinkIssued e) {
            Map<String, Object> data = base(e.getTenantId(), e.getUserId(), e.getCorrelationId());
            data.put("linkId", e.getLinkId());
            data.put("resend", e.getResend());
            data.put("issuedAt", e.getIssuedAt());
            data.put("expiresAt", e.getExpiresAt());
            data.put("channel", e.getChannel().name());
            data.put("maskedRecipient", e.getMaskedRecipient());
            return new PartnerEvent(e.getEventId(), "ResetLinkIssued", e.getTenantId(), e.getUserId(), e.getOccurredAt(), data);
        }
        if (value instanceof DeliveryOutcome e) {
            Map<String, Object> data = base(e.getTenantId(), e.getUserId(), e.getCorrelationId());
            data.put("linkId", e.getLinkId());
            data.put("channel", e.getChannel().name());
            data.put("maskedRecipient", e.getMaskedRecipient());
            data.put("status", e.getStatus().name());
            data.put("attempt", e.getAttempt());
            data.put("reason", e.getReason());
            data.put("providerMessageId", e.getProviderMessageId());
            return new PartnerEvent(e.getEventId(), "DeliveryOutcome", e.getTenantId(), e.getUserId(), e.getOccurredAt(), data);
        }
        if (value instanceof ResetLinkRedeemed e) {
            Map<String, Object> data = base(e.getTenantId(), e.getUserId(), e.getCorrelationId());
            data.put("linkId", e.getLinkId());
            data.put("issuedAt", e.getIssuedAt());
            data.put("expiresAt", e.getExpiresAt());
            data.put("via", e.getVia());
            return new PartnerEvent(e.getEventId(), "ResetLinkRedeemed", e.getTenantId(), e.getUserId(), e.getOccurredAt(), data);
        }
        if (value instanceof PasswordChanged e) {
            Map<String, Object> data = base(e.getTenantId(), e.getUserId(), e.getCorrelationId());
            data.put("linkId", e.getLinkId());
            data.put("via", e.getVia());
            data.put("maskedRecipient", e.getMaskedRecipient());
            return new PartnerEvent(e.getEventId(), "PasswordChanged", e.getTenantId(), e.getUserId(), e.getOccurredAt(), data);
        }
        return null;
    }

    private static Map<String, Object> base(String tenantId, String userId, String requestId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", tenantId);
        data.put("userId", userId);
        data.put("requestId", requestId);
        return data;
    }
}
