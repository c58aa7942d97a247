package io.resetflow.api.reveal;

import java.time.Instant;
import java.util.UUID;

/**
 * One reveal of a reset link: who ({@code actorType}/{@code actorId}, never a key or a password), when, which user,
 * which link and the request that issued it. The link itself is never part of it.
 */
public record LinkReveal(UUID eventId, Instant occurredAt, String tenantId, UUID userId, String linkId, String requestId,
        String issuedEventId, Action action, ActorType actorType, String actorId, String actorEmail) {

    /** How the link was revealed. */
    public enum Action {
        /** The console displayed the link on the user's page. */
        SHOWN,
        /** The console's Copy Link button copied it. */
        COPIED,
        /** A secret-key caller read it with {@code GET /v1/admin/users/{id}/reset-link}. */
        API_READ
    }

    /** Who it was revealed to. */
    public enum ActorType { ADMIN, API_KEY }
}
