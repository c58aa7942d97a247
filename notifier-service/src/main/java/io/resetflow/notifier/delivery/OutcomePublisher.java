package io.resetflow.notifier.delivery;

/**
 * Publishes an outcome. The broker's acknowledgement is waited for through the returned {@link Published}, so a
 * caller can hand a whole poll's outcomes to the producer before it waits (they travel in one produce request
 * instead of one each), and still commits no offset before every one of them was acknowledged.
 */
public interface OutcomePublisher {

    Published publish(Outcome outcome);

    /** An outcome handed to the producer. */
    interface Published {

        /** Nothing to wait for (no outcome was published). */
        Published NOTHING = () -> { };

        /** Returns once the broker acknowledged the outcome; throws when it did not (in time). */
        void awaitAcknowledgement();
    }
}
