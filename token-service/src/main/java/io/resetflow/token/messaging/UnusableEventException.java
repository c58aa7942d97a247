package io.resetflow.token.messaging;

/** A record that decodes but cannot be handled (wrong event type, invalid content): dead-lettered, never retried. */
class UnusableEventException extends RuntimeException {

    UnusableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
