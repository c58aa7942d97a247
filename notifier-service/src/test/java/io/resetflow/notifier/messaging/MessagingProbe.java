package io.resetflow.notifier.messaging;

/** A public type in the messaging package, so that {@code ViolatesBoundaries} can depend on it for the proof. */
public class MessagingProbe {
}
