package io.resetflow.api.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * A password was changed: portals end the user's sessions on it and the user is told by email.
 *
 * @param requestId the reset request behind the change, when there was one
 * @param linkId    the redeemed link, when there was one
 */
public record PasswordChange(UUID eventId, Instant occurredAt, User user, Via via, String requestId, String linkId) {

    /** Where the change came from. */
    public enum Via { RESET_PAGE, CONFIRM_API, ADMIN }
}
