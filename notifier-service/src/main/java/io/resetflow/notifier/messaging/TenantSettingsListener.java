package io.resetflow.notifier.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.tenant.Tenants;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.TenantSettingsChanged;

/**
 * Consumes the compacted tenant.settings from the beginning (a new group starts at the earliest offset) into
 * {@code tenant_settings}; replays are harmless (latest by occurredAt, then eventId). Tombstones are ignored.
 */
@Component
class TenantSettingsListener {

    private final Tenants tenants;

    TenantSettingsListener(Tenants tenants) {
        this.tenants = tenants;
    }

    @KafkaListener(id = "tenant-settings", idIsGroup = false, topics = Topics.TENANT_SETTINGS)
    void on(SpecificRecord value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof TenantSettingsChanged event)) {
            throw new UnusableEventException("not a TenantSettingsChanged: " + value.getSchema().getFullName(), null);
        }
        tenants.apply(AvroMapping.toDomain(event));
    }
}
