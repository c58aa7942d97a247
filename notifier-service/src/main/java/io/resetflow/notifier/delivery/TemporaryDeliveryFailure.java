package io.resetflow.notifier.delivery;

/**
 * Thrown after a temporary failure was recorded and its outcome published, so that the caller retries later.
 * For now the Kafka error handler redelivers with backoff and finally dead-letters; a scheduled retry is the seam.
 */
public class TemporaryDeliveryFailure extends RuntimeException {

    TemporaryDeliveryFailure(String message) {
        super(message);
    }
}
