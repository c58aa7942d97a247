package io.resetflow.token.redeem;

/** Records a {@link LinkRedeemed} in the redeeming transaction (transactional outbox); implemented at the Kafka edge. */
public interface LinkRedeemedOutbox {

    void append(LinkRedeemed event);
}
