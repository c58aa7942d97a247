package io.resetflow.token.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.consume.RecordFailures;
import io.resetflow.token.issue.ResetRequest;
import io.resetflow.token.issue.TokenIssuer;

/**
 * Consumes ResetRequested (group {@code spring.kafka.consumer.group-id}, token-service: {@code idIsGroup = false},
 * else the listener id would silently be the group) a poll at a time: the poll's requests are decided in one
 * transaction, and the offsets of decided polls are committed once a second (ack-mode time). When that transaction
 * fails, the requests are decided one by one (each in its own transaction; those decided before are recognised by their
 * event id), and the first one that fails is reported by its index: the records before it are committed, it is
 * retried, then dead-lettered; an undecodable or unusable record is dead-lettered at once, after the records
 * before it were decided.
 */
@Component
class ResetRequestedListener {

    private static final Logger log = LoggerFactory.getLogger(ResetRequestedListener.class);

    private final TokenIssuer issuer;

    ResetRequestedListener(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @KafkaListener(id = "reset-requested", idIsGroup = false, topics = Topics.RESET_REQUESTED, batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        List<ResetRequest> requests = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ResetRequest request;
            try {
                request = toRequest(records.get(i));
            } catch (UnusableEventException e) {
                decide(requests, records);
                throw RecordFailures.of(e.getMessage(), e, records.get(i));
            }
            requests.add(request);
        }
        decide(requests, records);
    }

    /** @param records the poll, whose first {@code requests.size()} records are the requests */
    private void decide(List<ResetRequest> requests, List<ConsumerRecord<String, Object>> records) {
        if (requests.isEmpty()) {
            return;
        }
        try {
            issuer.handleAll(requests);
            return;
        } catch (RuntimeException batchFailed) {
            log.warn("deciding {} requests in one transaction failed ({}); deciding them one by one", requests.size(),
                    batchFailed.toString());
        }
        for (int i = 0; i < requests.size(); i++) {
            try {
                issuer.handle(requests.get(i));
            } catch (RuntimeException e) {
                throw RecordFailures.of("deciding ResetRequested " + requests.get(i).eventId()
                        + " failed", e, records.get(i));
            }
        }
    }

    private static ResetRequest toRequest(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        if (value == null) {
            // ErrorHandlingDeserializer left no value: the bytes are not an event (the dead letter keeps them)
            throw new UnusableEventException("undecodable record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), null);
        }
        if (!(value instanceof ResetRequested event)) {
            throw new UnusableEventException("not a ResetRequested: "
                    + (value instanceof SpecificRecord r ? r.getSchema().getFullName() : value.getClass().getName()), null);
        }
        try {
            return AvroMapping.toDomain(event);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnusableEventException("unusable ResetRequested " + event.getEventId() + ": " + e.getMessage(), e);
        }
    }
}
