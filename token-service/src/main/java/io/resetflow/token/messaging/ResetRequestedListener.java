package io.resetflow.token.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.issue.ResetRequest;
import io.resetflow.token.issue.TokenIssuer;

/**
 * Consumes ResetRequested (group {@code spring.kafka.consumer.group-id}, token-service: {@code idIsGroup = false},
 * else the listener id would silently be the group). The offset is committed after this returns, i.e. after the
 * decision's transaction committed (ack-mode record).
 */
@Component
class ResetRequestedListener {

    private final TokenIssuer issuer;

    ResetRequestedListener(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @KafkaListener(id = "reset-requested", idIsGroup = false, topics = Topics.RESET_REQUESTED)
    void on(SpecificRecord value) {
        if (!(value instanceof ResetRequested event)) {
            throw new UnusableEventException("not a ResetRequested: "
                    + (value == null ? "null" : value.getSchema().getFullName()), null);
        }
        ResetRequest request;
        try {
            request = AvroMapping.toDomain(event);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnusableEventException("unusable ResetRequested " + event.getEventId() + ": " + e.getMessage(), e);
        }
        issuer.handle(request);
    }
}
