package io.resetflow.token.issue;

import java.time.Instant;
import java.util.Optional;

import io.resetflow.token.lifecycle.ResetToken;

/** The issuing rule (DESIGN.md section 2): re-send the live link within the reuse window, else mint a new one. */
final class Decider {

    private Decider() {
    }

    /**
     * @param latest the user's most recently issued token, in whatever state (older ones were replaced by it)
     */
    static Decision decide(ResetRequest request, Optional<ResetToken> latest, Instant now) {
        if (!request.knownUser()) {
            return new Decision.IgnoreUnknownUser();
        }
        if (request.recipient() == null) {
            return new Decision.RejectNoRecipient();
        }
        // Seam for the delivery throttle (request.deliveriesPerUserPerHour()), a later issue: it decides here,
        // before reuse or issue, and yields its own Decision (recorded and published as ResetRequestThrottled).
        if (latest.isPresent() && reusable(latest.get(), request, now)) {
            return new Decision.Reuse(latest.get());
        }
        return new Decision.Issue();
    }

    private static boolean reusable(ResetToken token, ResetRequest request, Instant now) {
        return token.isLive(now) && now.isBefore(token.issuedAt().plus(request.reuseWindow()));
    }
}
