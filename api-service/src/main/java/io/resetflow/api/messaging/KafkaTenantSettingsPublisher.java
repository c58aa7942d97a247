package io.resetflow.api.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.TenantSettingsPublisher;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.TenantSettingsChanged;

/** Publishes a tenant's complete settings, keyed by tenant id on the compacted {@code tenant.settings}. */
@Component
class KafkaTenantSettingsPublisher implements TenantSettingsPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Clock clock;

    KafkaTenantSettingsPublisher(KafkaTemplate<String, SpecificRecord> kafka, Clock clock) {
        this.kafka = kafka;
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
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(Topics.TENANT_SETTINGS, t.id(), event);
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing settings of " + t.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            // The transaction around the change rolls back: settings and their event do not drift apart.
            throw new IllegalStateException("broker did not acknowledge the settings of " + t.id(), e);
        }
    }
}
