package io.resetflow.api.messaging;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.TenantSettingsPublisher;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.TenantSettingsChanged;

/** Publishes a tenant's complete settings, keyed by tenant id on the compacted {@code tenant.settings}. */
@Component
class KafkaTenantSettingsPublisher implements TenantSettingsPublisher {

    private final EventSender sender;
    private final Clock clock;

    KafkaTenantSettingsPublisher(EventSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void publish(Tenant t, String changedBy) {
        String eventId = UUID.randomUUID().toString();
        TenantSettingsChanged event = TenantSettingsChanged.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(clock.instant())
                .setTenantId(t.id())
                .setCorrelationId(eventId)
                .setCausationId(eventId)
                .setChangedBy(changedBy)
                .setLinkBaseUrl(t.linkBaseUrl())
                .setTokenTtlSeconds(t.tokenTtl().toSeconds())
                .setReuseWindowSeconds(t.reuseWindow().toSeconds())
                .setDeliveriesPerUserPerHour(t.deliveriesPerUserPerHour())
                .setRevealUnknownAccounts(t.revealUnknownAccounts())
                .setSetPasswordWebhookUrl(t.setPasswordWebhookUrl())
                .setSenderName(t.senderName())
                .setSenderAddress(t.senderAddress())
                .setSmsAllowedCountryCodes(t.smsAllowedCountryCodes())
                .setSmsDailyCapPerNumber(t.smsDailyCapPerNumber())
                .build();
        try {
            sender.send(Topics.TENANT_SETTINGS, t.id(), eventId, event);
        } catch (EventSender.NotAcknowledgedException e) {
            // The transaction around the change rolls back: settings and their event do not drift apart.
            throw new IllegalStateException("broker did not acknowledge the settings of " + t.id(), e);
        }
    }
}
