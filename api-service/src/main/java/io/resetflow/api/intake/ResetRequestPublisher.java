package io.resetflow.api.intake;

/** Outbound port: records a reset request durably (returns only once the log acknowledged it). */
public interface ResetRequestPublisher {

    /** @throws PublishFailedException when the event log did not acknowledge in time */
    void publish(ResetRequest request);

    /** The event log is unreachable: a fault of ours, never the client's. */
    class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
