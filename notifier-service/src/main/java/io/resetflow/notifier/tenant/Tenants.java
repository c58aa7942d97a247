package io.resetflow.notifier.tenant;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The latest settings per tenant: applied from tenant.settings, read by the channels. Every delivery reads its
 * tenant's settings, so a read is kept for {@link #CACHE_TTL}: applying settings evicts this instance's copy at once;
 * another notifier instance (the group's partition of tenant.settings is consumed by one of them) uses the new
 * settings within that time, as api-service does with its tenant cache.
 */
@Service
public class Tenants {

    /** How stale another instance's copy of a tenant's settings may be after a change. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Tenants.class);

    private record Cached(Optional<TenantSettings> settings, long expiresAtNanos) {
    }

    private final TenantSettingsStore store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tenants(TenantSettingsStore store) {
        this.store = store;
    }

    /** Keeps the settings unless newer ones (later occurredAt; same instant: the same or a greater eventId) are known. */
    public void apply(TenantSettings settings) {
        boolean applied = store.upsertIfNewer(settings);
        cache.remove(settings.tenantId());
        log.info("tenant {} settings {} (event {}){}", settings.tenantId(), applied ? "applied" : "ignored",
                settings.eventId(), applied ? "" : ": newer settings are known");
    }

    public Optional<TenantSettings> find(String tenantId) {
        Cached cached = cache.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.settings();
        }
        // a tenant without settings is kept too (its ids come from the services' own events, not from callers)
        Optional<TenantSettings> settings = store.find(tenantId);
        cache.put(tenantId, new Cached(settings, now + CACHE_TTL.toNanos()));
        return settings;
    }
}
