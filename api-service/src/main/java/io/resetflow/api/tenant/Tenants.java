package io.resetflow.api.tenant;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes tenants; the only way other features reach the tenants table. */
@Repository
public class Tenants {

    private final JdbcClient jdbc;

    Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> find(String id) {
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
    }

    void save(Tenant t) {
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
