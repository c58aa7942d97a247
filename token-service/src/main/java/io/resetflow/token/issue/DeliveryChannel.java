package io.resetflow.token.issue;

/** How the link reaches the user; copied through from the request. */
public enum DeliveryChannel {
    UNKNOWN, EMAIL, SMS, WEBHOOK
}
