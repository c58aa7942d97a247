package io.resetflow.api.directory;

/** Outbound port: tells the event log that a password changed. */
public interface PasswordChangePublisher {

    /** Called in the transaction that changes the password: the event is recorded if and only if it commits. */
    void publish(PasswordChange change);
}
