package io.resetflow.api.tokens;

/** What token-service says of a link, and the page each state leads to. */
public enum TokenStatus {
    VALID, REDEEMED, EXPIRED, USED, REPLACED, UNKNOWN
}
