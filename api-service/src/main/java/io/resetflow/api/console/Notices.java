package io.resetflow.api.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The status message left on a user's page by an admin action; shown for the tenant's reuse window (seed 003). */
@Repository
class Notices {

    /** {@code detail} says how and where for a reset requested outside the console; null for an admin's own action. */
    record Notice(String message, Instant at, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Notices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void leave(AdminPrincipal admin, UUID userId, String message) {
        jdbc.sql("insert into admin_notices (id, tenant_id, user_id, message, admin_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), admin.tenantId(), userId, message, admin.id(), OffsetDateTime.now(clock)).update();
    }

    /** The newest notice on the user that is younger than {@code window}. */
    Optional<Notice> current(String tenantId, UUID userId, Duration window) {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(window);
        return jdbc.sql("""
                        select message, created_at from admin_notices where tenant_id = ? and user_id = ? and created_at > ?
                        order by created_at desc limit 1""")
                .params(tenantId, userId, since)
                .query((rs, n) -> new Notice(rs.getString("message"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        null))
                .optional();
    }
}
