package io.resetflow.api.directory;

/** Outbound port: tells the event log that a password changed. */
public interface PasswordChangePublisher {

    void publish(PasswordChange change);
}
