package io.resetflow.audit;

/** A failure the tool reports in one line and exits with status 2, without a stack trace. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }
}
