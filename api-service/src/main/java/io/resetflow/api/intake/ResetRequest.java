package io.resetflow.api.intake;

import java.time.Instant;
import java.util.UUID;

import io.resetflow.api.tenant.Tenant;

/**
 * A decided intake: who asked, for which user (null when no account matched) and where the link
 * should go. The recipient address is plain here and is sealed by the messaging edge.
 * {@code returnToken}: the token goes back to a secret-key caller and nothing is delivered.
 */
public record ResetRequest(
        UUID requestId,
        Instant occurredAt,
        Tenant tenant,
        UUID userId,
        Channel channel,
        String recipientAddress,
        Origin origin,
        boolean returnToken,
        Requester requester) {

    /** How the link is delivered. */
    public enum Channel { EMAIL, SMS }

    /** Who asked: a portal through the API, support staff, or the user on an expired-link page. */
    public enum Origin { API, ADMIN, PAGE }

    /**
     * Exactly who asked, for auditors: the tenant key (its id, never the key) of a portal or admin-API caller, the
     * console admin, or the user themself on an expired or used link's page.
     */
    public record Requester(Type type, String id) {

        public enum Type { API_KEY, ADMIN, USER }

        public static Requester apiKey(UUID keyId) {
            return new Requester(Type.API_KEY, keyId.toString());
        }

        public static Requester admin(UUID adminId) {
            return new Requester(Type.ADMIN, adminId.toString());
        }

        public static Requester user() {
            return new Requester(Type.USER, null);
        }
    }
}
