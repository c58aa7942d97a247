package io.resetflow.token.issue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.resetflow.token.lifecycle.ResetToken;

/**
 * The issuing rule (DESIGN.md section 2): the per-user delivery throttle first, then re-send the live link
 * within the reuse window, else mint a new one.
 */
final class Decider {

    /** The throttle's rolling window: deliveries issued after {@code now - WINDOW} count. */
    static final Duration THROTTLE_WINDOW = Duration.ofHours(1);

    private Decider() {
    }

    /**
     * @param latest the user's most recently issued token, in whatever state (older ones were replaced by it)
     * @param deliveriesInWindow deliveries (issued or re-sent links with a real channel) to this user within
     *                           {@link #THROTTLE_WINDOW} before {@code now}
     */
    static Decision decide(ResetRequest request, Optional<ResetToken> latest, int deliveriesInWindow, Instant now) {
        if (!request.knownUser()) {
            return new Decision.IgnoreUnknownUser();
        }
        if (request.recipient() == null && !request.returnToken()) {
            return new Decision.RejectNoRecipient();
        }
        int limit = request.deliveriesPerUserPerHour();
        if (limit > 0 && deliveriesInWindow >= limit) {
            return new Decision.Throttle(deliveriesInWindow, limit);
        }
        if (latest.isPresent() && reusable(latest.get(), request, now)) {
            return new Decision.Reuse(latest.get());
        }
        return new Decision.Issue();
    }

    /** Without a throttle count: for callers that know the user is under the limit. */
    static Decision decide(ResetRequest request, Optional<ResetToken> latest, Instant now) {
        return decide(request, latest, 0, now);
    }

    private static boolean reusable(ResetToken token, ResetRequest request, Instant now) {
        return token.isLive(now) && now.isBefore(token.issuedAt().plus(request.reuseWindow()));
    }
}
