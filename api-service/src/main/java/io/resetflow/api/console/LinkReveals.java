package io.resetflow.api.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A reset link shown to or copied by an admin is a credential handed out, so each reveal is kept (who, when,
 * which user, which linkId) and written as an audit line. The link itself is never stored or logged.
 */
@Repository
class LinkReveals {

    enum Action { SHOWN, COPIED }

    private static final Logger audit = LoggerFactory.getLogger("io.resetflow.audit.console");

    private final JdbcClient jdbc;
    private final Clock clock;

    LinkReveals(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(AdminPrincipal admin, UUID userId, Action action, String linkId) {
        OffsetDateTime at = OffsetDateTime.now(clock);
        jdbc.sql("insert into link_reveals (id, tenant_id, user_id, admin_id, action, link_id, revealed_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), admin.tenantId(), userId, admin.id(), action.name(), linkId, at).update();
        audit.info("reset link {} by admin {} of tenant {}: user {}, linkId {}, at {}", action, admin.id(), admin.tenantId(),
                userId, linkId, at);
    }

    int count(String tenantId, UUID userId) {
        return jdbc.sql("select count(*) from link_reveals where tenant_id = ? and user_id = ?").params(tenantId, userId)
                .query(Integer.class).single();
    }
}
