package io.resetflow.token.issue;

/**
 * Records the event of a decision for publication inside the caller's transaction (transactional outbox),
 * so the decision and its event commit together or not at all. Implemented at the Kafka edge.
 */
public interface DecisionOutbox {

    void append(LinkIssued event);

    void append(RequestThrottled event);
}
