package io.resetflow.notifier.delivery;

/** Publishes an outcome and returns only once the broker acknowledged it; throws when it did not. */
public interface OutcomePublisher {

    void publish(Outcome outcome);
}
