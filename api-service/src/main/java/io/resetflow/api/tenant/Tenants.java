package io.resetflow.api.tenant;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reads and writes tenants; the only way other features reach the tenants table. A tenant read is kept for
 * {@link #CACHE_TTL} (every reset request reads its tenant): a change through this instance evicts it at once,
 * another api-service instance sees it within that time.
 */
@Repository
public class Tenants {

    /** How stale another instance's copy of a tenant may be after a change. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private record Cached(Tenant tenant, long expiresAtNanos) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> find(String id) {
        Cached cached = cache.get(id);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.tenant());
        }
        Optional<Tenant> tenant = read(id);
        // only tenants that exist are kept (unknown ids cannot fill the map)
        tenant.ifPresentOrElse(t -> cache.put(id, new Cached(t, now + CACHE_TTL.toNanos())), () -> cache.remove(id));
        return tenant;
    }

    /** Forgets this instance's copy (after a change, and again after its transaction committed). */
    void evict(String id) {
        cache.remove(id);
    }

    /** After a change of a tenant committed, whichever instance's cache it was. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantChanged changed) {
        evict(changed.tenantId());
    }

    /** The stored row, bypassing the cache (to base a change on). */
    Optional<Tenant> read(String id) {
        return jdbc.sql("select * from tenants where id = ?")
                .param(id)
                .query((rs, n) -> new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("link_base_url"),
                        Duration.ofSeconds(rs.getLong("token_ttl_seconds")),
                        Duration.ofSeconds(rs.getLong("reuse_window_seconds")),
                        rs.getInt("deliveries_per_user_per_hour"), rs.getBoolean("reveal_unknown_accounts"),
                        rs.getInt("rate_limit_requests"), Duration.ofSeconds(rs.getInt("rate_limit_window_seconds")),
                        rs.getString("set_password_webhook_url"), rs.getString("sender_name"), rs.getString("sender_address"),
                        Arrays.stream(rs.getString("sms_allowed_country_codes").split(",")).filter(s -> !s.isBlank()).toList(),
                        rs.getInt("sms_daily_cap_per_number")))
                .optional();
    }

    /** Creates the tenant with default settings unless it exists. */
    public void createIfMissing(String id, String name, String linkBaseUrl) {
        jdbc.sql("insert into tenants (id, name, link_base_url) values (?, ?, ?) on conflict (id) do nothing")
                .params(id, name, linkBaseUrl).update();
        evict(id);
    }

    void save(Tenant t) {
        evict(t.id());
        jdbc.sql("""
                        update tenants set link_base_url = ?, token_ttl_seconds = ?, reuse_window_seconds = ?,
                            deliveries_per_user_per_hour = ?, reveal_unknown_accounts = ?, rate_limit_requests = ?,
                            rate_limit_window_seconds = ?, set_password_webhook_url = ?, sender_name = ?, sender_address = ?,
                            sms_allowed_country_codes = ?, sms_daily_cap_per_number = ?
                        where id = ?""")
                .params(t.linkBaseUrl(), t.tokenTtl().toSeconds(), t.reuseWindow().toSeconds(), t.deliveriesPerUserPerHour(),
                        t.revealUnknownAccounts(), t.rateLimitRequests(), (int) t.rateLimitWindow().toSeconds(),
                        t.setPasswordWebhookUrl(), t.senderName(), t.senderAddress(), String.join(",", t.smsAllowedCountryCodes()),
                        t.smsDailyCapPerNumber(), t.id())
                .update();
    }
}
