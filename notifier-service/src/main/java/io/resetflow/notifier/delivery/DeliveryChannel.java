package io.resetflow.notifier.delivery;

/** How a link reaches the user. NONE: the token went back to the caller, nothing to deliver. */
public enum DeliveryChannel {
    EMAIL, SMS, WEBHOOK, NONE, UNKNOWN
}
