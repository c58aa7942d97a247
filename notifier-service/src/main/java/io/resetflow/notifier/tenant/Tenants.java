package io.resetflow.notifier.tenant;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The latest settings per tenant: applied from tenant.settings, read by the channels. */
@Service
public class Tenants {

    private static final Logger log = LoggerFactory.getLogger(Tenants.class);

    private final TenantSettingsStore store;

    Tenants(TenantSettingsStore store) {
        this.store = store;
    }

    /** Keeps the settings unless newer ones (later occurredAt; same instant: the same or a greater eventId) are known. */
    public void apply(TenantSettings settings) {
        boolean applied = store.upsertIfNewer(settings);
        log.info("tenant {} settings {} (event {}){}", settings.tenantId(), applied ? "applied" : "ignored",
                settings.eventId(), applied ? "" : ": newer settings are known");
    }

    public Optional<TenantSettings> find(String tenantId) {
        return store.find(tenantId);
    }
}
