package io.resetflow.notifier.setpassword;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.DeliveryChannel;
import io.resetflow.notifier.delivery.LinkDelivery;
import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.notifier.delivery.SetPasswordWebhookGateway;
import io.resetflow.notifier.outbound.CloudEvents;
import io.resetflow.notifier.outbound.StandardWebhooks;
import io.resetflow.notifier.outbound.WebhookPoster;

/**
 * POSTs {@code io.resetflow.reset.link-issued} (CloudEvents 1.0, data: tenantId, userId, linkId, link, expiresAt,
 * channel, recipient) to the tenant's URL, signed per Standard Webhooks with the tenant's secret. The webhook-id is
 * {@code msg_} + the issuance eventId, the same on every retry, so the receiver can de-duplicate.
 * 2xx: SENT; 4xx (but 408/429) or a refused URL: permanent failure; 5xx, 408, 429, timeout, no connection: temporary.
 */
@Component
class SetPasswordWebhookSender implements SetPasswordWebhookGateway {

    static final String TYPE = "io.resetflow.reset.link-issued";

    private final WebhookPoster poster;
    private final TenantSecretStore secrets;
    private final Clock clock;

    SetPasswordWebhookSender(WebhookPoster poster, TenantSecretStore secrets, Clock clock) {
        this.poster = poster;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public SendResult deliver(LinkDelivery delivery, DeliveryChannel requested, String url) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", delivery.tenantId());
        data.put("userId", delivery.userId());
        data.put("linkId", delivery.linkId());
        data.put("link", delivery.link().value());
        data.put("expiresAt", delivery.expiresAt());
        data.put("channel", requested.name());
        data.put("recipient", delivery.recipient().value());
        data.put("maskedRecipient", delivery.maskedRecipient());
        data.put("resend", delivery.resend());
        data.put("locale", delivery.locale());
        String messageId = "msg_" + delivery.issuanceEventId();
        String body = CloudEvents.json(delivery.issuanceEventId(), TYPE, delivery.tenantId(), delivery.userId(),
                clock.instant(), data);
        Map<String, String> headers = StandardWebhooks.headers(messageId, clock.instant().getEpochSecond(), body,
                List.of(secrets.secretOf(delivery.tenantId())));
        WebhookPoster.Result result = poster.post(url, headers, body);
        if (result.succeeded()) {
            return new SendResult.Sent(messageId);
        }
        boolean permanent = result.refused() || (result.error() != null && result.error().startsWith("URL refused"));
        return new SendResult.Failed(permanent, "Set Password Webhook: " + result.describe());
    }
}
