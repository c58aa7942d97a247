package io.resetflow.token.issue;

import io.resetflow.token.lifecycle.ResetToken;

/** What a ResetRequested leads to; decided by {@link Decider} without side effects. */
sealed interface Decision {

    /** No account matched: recorded, nothing sent (the caller got the uniform answer already). */
    record IgnoreUnknownUser() implements Decision {
    }

    /** A known user but no address to deliver to: recorded as rejected, nothing sent. */
    record RejectNoRecipient() implements Decision {
    }

    /**
     * The user already had {@code deliveriesInWindow} deliveries in the last hour, at or over {@code limit}:
     * nothing is issued or sent.
     */
    record Throttle(int deliveriesInWindow, int limit) implements Decision {
    }

    /** The user's live link was issued within the reuse window: send that same link again. */
    record Reuse(ResetToken live) implements Decision {
    }

    /** Mint a new token; any live older one is replaced. */
    record Issue() implements Decision {
    }
}
