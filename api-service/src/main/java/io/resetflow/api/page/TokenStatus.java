package io.resetflow.api.page;

/** What token-service says of a link, and the page each state leads to. */
enum TokenStatus {
    VALID, REDEEMED, EXPIRED, USED, REPLACED, UNKNOWN
}
