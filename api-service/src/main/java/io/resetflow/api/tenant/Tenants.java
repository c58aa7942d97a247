package io.resetflow.api.tenant;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and creates tenants; the only way other features reach the tenants table. */
@Repository
public class Tenants {

    private final JdbcClient jdbc;

    Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql("""
                        select id, name, link_base_url, token_ttl_seconds, reuse_window_seconds,
                               deliveries_per_user_per_hour, reveal_unknown_accounts
                        from tenants where id = ?""")
                .param(id)
                .query((rs, n) -> new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("link_base_url"),
                        Duration.ofSeconds(rs.getLong("token_ttl_seconds")),
                        Duration.ofSeconds(rs.getLong("reuse_window_seconds")),
                        rs.getInt("deliveries_per_user_per_hour"), rs.getBoolean("reveal_unknown_accounts")))
                .optional();
    }

    /** Creates the tenant with default policy unless it exists. */
    public void createIfMissing(String id, String name, String linkBaseUrl) {
        jdbc.sql("insert into tenants (id, name, link_base_url) values (?, ?, ?) on conflict (id) do nothing")
                .params(id, name, linkBaseUrl).update();
    }
}
