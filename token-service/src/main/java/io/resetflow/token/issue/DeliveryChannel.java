package io.resetflow.token.issue;

/** How the link reaches the user; copied through from the request. NONE: returned to the caller, not delivered. */
public enum DeliveryChannel {
    UNKNOWN, EMAIL, SMS, WEBHOOK, NONE
}
