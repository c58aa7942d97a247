package io.resetflow.api.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.resetflow.api.reveal.LinkReveal;
import io.resetflow.api.reveal.LinkRevealPublisher;
import io.resetflow.api.reveal.Reveals;

/**
 * A reset link shown to or copied by an admin is a credential handed out: each reveal goes on the event log first
 * ({@code ResetLinkRevealed}, through {@link Reveals}; when the log does not take it, the link is not shown), then
 * into the console's own table (who, when, which user, which linkId). The link itself is never stored or logged.
 */
@Repository
class LinkReveals {

    enum Action { SHOWN, COPIED }

    private static final Logger log = LoggerFactory.getLogger(LinkReveals.class);

    private final JdbcClient jdbc;
    private final Reveals reveals;

    LinkReveals(JdbcClient jdbc, Reveals reveals) {
        this.jdbc = jdbc;
        this.reveals = reveals;
    }

    /** @return false when the reveal could not be put on the event log: the caller must not show the link */
    boolean record(AdminPrincipal admin, UUID userId, Action action, String linkId, String requestId, String issuedEventId) {
        LinkReveal reveal;
        try {
            reveal = reveals.record(admin.tenantId(), userId, linkId, requestId, issuedEventId,
                    LinkReveal.Action.valueOf(action.name()), LinkReveal.ActorType.ADMIN, admin.id().toString(),
                    admin.email());
        } catch (LinkRevealPublisher.NotRecordedException e) {
            log.error("console: reveal ({}) of a link of user {} by admin {} not recorded; the link stays hidden", action,
                    userId, admin.id(), e);
            return false;
        }
        jdbc.sql("insert into link_reveals (id, tenant_id, user_id, admin_id, action, link_id, revealed_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(reveal.eventId(), admin.tenantId(), userId, admin.id(), action.name(), linkId,
                        OffsetDateTime.ofInstant(reveal.occurredAt(), ZoneOffset.UTC)).update();
        return true;
    }

    int count(String tenantId, UUID userId) {
        return jdbc.sql("select count(*) from link_reveals where tenant_id = ? and user_id = ?").params(tenantId, userId)
                .query(Integer.class).single();
    }
}
