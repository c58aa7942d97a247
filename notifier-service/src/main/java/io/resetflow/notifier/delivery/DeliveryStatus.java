package io.resetflow.notifier.delivery;

/** State of one delivery (one issuance on one channel). SENT and FAILED_PERMANENT are final. */
public enum DeliveryStatus {
    PENDING, SENT, FAILED_TEMPORARY, FAILED_PERMANENT;

    boolean isFinal() {
        return this == SENT || this == FAILED_PERMANENT;
    }
}
