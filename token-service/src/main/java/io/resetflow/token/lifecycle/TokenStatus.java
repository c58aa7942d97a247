package io.resetflow.token.lifecycle;

/** Where a stored token stands at a given instant. */
public enum TokenStatus {
    /** Not used, not replaced, not expired: the link works. */
    VALID,
    EXPIRED,
    USED,
    /** A newer link was issued after the reuse window; this one stopped working. */
    REPLACED
}
