package io.resetflow.schemas;

/** Kafka header names resetflow sets on every event it publishes. */
public final class EventHeaders {

    /** Simple name of the event type, e.g. {@code ResetRequested}, so tools can filter without decoding. */
    public static final String EVENT_TYPE = "rf-event-type";
    /** The eventId, duplicated for tools that only look at headers. */
    public static final String EVENT_ID = "rf-event-id";

    private EventHeaders() {
    }
}
