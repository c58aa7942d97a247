package io.resetflow.schemas;

/** Kafka header names resetflow sets on every event it publishes. */
public final class EventHeaders {

    /** Simple name of the event type, e.g. {@code ResetRequested}, so tools can filter without decoding. */
    public static final String EVENT_TYPE = "rf-event-type";
    /** The eventId, duplicated for tools that only look at headers. */
    public static final String EVENT_ID = "rf-event-id";
    /** On a dead partner webhook message: the tenant, the endpoint, the Standard Webhooks message id, the attempts. */
    public static final String WEBHOOK_TENANT = "rf-webhook-tenant";
    public static final String WEBHOOK_ENDPOINT = "rf-webhook-endpoint";
    public static final String WEBHOOK_MESSAGE_ID = "rf-webhook-message-id";
    public static final String WEBHOOK_ATTEMPTS = "rf-webhook-attempts";
    /** Why the last attempt failed (status code or error), never the response body. */
    public static final String WEBHOOK_LAST_ERROR = "rf-webhook-last-error";

    private EventHeaders() {
    }
}
