package io.resetflow.token.issue;

/**
 * Records a {@link LinkIssued} for publication inside the caller's transaction (transactional outbox),
 * so the decision and its event commit together or not at all. Implemented at the Kafka edge.
 */
public interface LinkIssuedOutbox {

    void append(LinkIssued event);
}
