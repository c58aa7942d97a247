package io.resetflow.notifier.webhook;

/**
 * Outbound port: a partner message whose retry schedule ran out goes to the dead-letter topic, so operators see it on
 * the log as well as in the endpoint's delivery log (where it can be re-sent).
 */
public interface DeadMessages {

    /** A dead message as it was last sent. {@code lastError} is a status code or an error, never a response body. */
    record DeadMessage(String tenantId, String endpointId, String messageId, String eventType, String payload,
            int attempts, String lastError) {
    }

    /** @throws RuntimeException when the broker did not take it; the message stays DEAD in the database either way */
    void deadLettered(DeadMessage message);
}
