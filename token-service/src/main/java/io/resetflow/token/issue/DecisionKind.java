package io.resetflow.token.issue;

/** The decision recorded for each ResetRequested (column {@code processed_events.decision}). */
public enum DecisionKind {
    ISSUED,
    REUSED,
    /** The user reached the per-user delivery throttle: nothing issued or sent, ResetRequestThrottled published. */
    THROTTLED,
    IGNORED_UNKNOWN,
    REJECTED_NO_RECIPIENT,
    /** The eventId was processed before: nothing done, nothing recorded again. */
    DUPLICATE
}
