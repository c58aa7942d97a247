package io.resetflow.notifier.delivery;

/**
 * State of one delivery (one issuance on one channel). SENT and FAILED_PERMANENT are final; DEAD_LETTERED (retries
 * exhausted, the record went to the dead-letter topic) is retried again when the record is replayed.
 */
public enum DeliveryStatus {
    PENDING, SENT, FAILED_TEMPORARY, FAILED_PERMANENT, DEAD_LETTERED;

    boolean isFinal() {
        return this == SENT || this == FAILED_PERMANENT;
    }
}
