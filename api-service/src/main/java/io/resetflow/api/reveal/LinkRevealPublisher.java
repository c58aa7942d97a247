package io.resetflow.api.reveal;

/** Outbound port: puts a reveal on the event log and returns only once the broker acknowledged it. */
public interface LinkRevealPublisher {

    /** @throws NotRecordedException when the log did not take the event; the link must not be shown then */
    void publish(LinkReveal reveal) throws NotRecordedException;

    /** The reveal could not be recorded, so the link stays hidden. */
    final class NotRecordedException extends Exception {
        public NotRecordedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
