package io.resetflow.notifier.messaging;

/** A record that decodes but cannot be handled (wrong event type, invalid content, unopenable seal): dead-lettered, never retried. */
class UnusableEventException extends RuntimeException {

    UnusableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
