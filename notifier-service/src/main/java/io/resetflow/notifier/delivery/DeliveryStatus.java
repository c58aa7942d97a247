package io.resetflow.notifier.delivery;

/**
 * State of one delivery (one issuance on one channel). SENT, FAILED_PERMANENT and THROTTLED (refused by an
 * anti-abuse guard, e.g. the SMS daily cap per number) are final; DEAD_LETTERED (retries
 * exhausted, the record went to the dead-letter topic) is retried again when the record is replayed.
 */
public enum DeliveryStatus {
    PENDING, SENT, FAILED_TEMPORARY, FAILED_PERMANENT, DEAD_LETTERED, THROTTLED;

    boolean isFinal() {
        return this == SENT || this == FAILED_PERMANENT || this == THROTTLED;
    }
}
