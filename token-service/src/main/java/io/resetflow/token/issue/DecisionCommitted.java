package io.resetflow.token.issue;

/**
 * Published (as a Spring application event) in the deciding transaction; listeners that want to know when
 * the decision became visible use {@code @TransactionalEventListener(AFTER_COMMIT)}.
 */
public record DecisionCommitted(String tenantId, String requestId) {
}
