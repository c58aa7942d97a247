package io.resetflow.notifier.messaging;

/**
 * The broker did not acknowledge a record in time. For a DeliveryOutcome the consumed record is retried, which
 * re-publishes it.
 */
class OutcomeNotPublishedException extends RuntimeException {

    OutcomeNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
