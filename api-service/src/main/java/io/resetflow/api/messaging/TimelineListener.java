package io.resetflow.api.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.api.timeline.Timeline;
import io.resetflow.api.timeline.TimelineEntry;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetLinkRevealed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.consume.DatabaseOutage;
import io.resetflow.schemas.consume.RecordFailures;

/**
 * Feeds the request timeline from the event topics. Only masked, non-secret fields are copied;
 * sealed values are never opened here. A poll's records are written with one insert (the projection is
 * idempotent by event id, so a batch retried after a failure is harmless). Every failure names its record: the records
 * before it are committed, and only it can be skipped.
 */
@Component
class TimelineListener {

    private static final Logger log = LoggerFactory.getLogger(TimelineListener.class);

    private final Timeline timeline;

    TimelineListener(Timeline timeline) {
        this.timeline = timeline;
    }

    @KafkaListener(id = "api-service-timeline", groupId = "${resetflow.timeline.group-id:api-service-timeline}", batch = "true",
            topics = {Topics.RESET_REQUESTED, Topics.LINK_ISSUED, Topics.THROTTLED, Topics.DELIVERY_OUTCOME,
                    Topics.LINK_REVEALED, Topics.LINK_REDEEMED, Topics.PASSWORD_CHANGED},
            // a fetch waits up to 100 ms for 64 KB: under load one poll (one insert, one commit) takes hundreds of
            // events instead of a few, at the price of the history showing an event at most 100 ms later
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=100", "max.poll.records=500"})
    void on(List<ConsumerRecord<String, Object>> records) {
        List<TimelineEntry> entries = new ArrayList<>(records.size());
        List<ConsumerRecord<String, Object>> sources = new ArrayList<>(records.size());
        for (ConsumerRecord<String, Object> record : records) {
            if (!(record.value() instanceof SpecificRecord event)) {
                // undecodable (the deserializer left no value): its owner dead-letters it; the timeline skips it
                log.warn("skipping record {}-{}@{} in the timeline: not an event", record.topic(), record.partition(),
                        record.offset());
                continue;
            }
            TimelineEntry entry = toEntry(event);
            if (entry != null) {
                entries.add(entry);
                sources.add(record);
            }
        }
        try {
            timeline.recordAll(entries);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causes(e)) {
                // as the batch's first record, so the error handler retries it with its outage back-off
                throw RecordFailures.of("timeline not written: the database is out of reach", e, 0);
            }
            // an entry the database refuses must not cost the poll's other events their place on the timeline (the
            // error handler would retry the poll as a whole, then skip all of it): written one at a time, the one
            // refused is reported as its record, the events before it are written, those after it come again
            for (int i = 0; i < entries.size(); i++) {
                try {
                    timeline.recordAll(List.of(entries.get(i)));
                } catch (RuntimeException refused) {
                    refused.addSuppressed(e);
                    throw RecordFailures.of("timeline entry not written", refused, sources.get(i));
                }
            }
        }
    }

    static TimelineEntry toEntry(SpecificRecord record) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (record instanceof ResetRequested e) {
            d.put("Origin", e.getOrigin());
            d.put("AccountKnown", e.getUserId() != null);
            d.put("Channel", e.getChannel().name());
            d.put("Recipient", e.getMaskedRecipient());
            if (e.getActorType() != null) {
                d.put("RequestedBy", e.getActorType());
                d.put("RequestedById", e.getActorId());
            }
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "ResetRequested", e.getOccurredAt(), d);
        }
        if (record instanceof ResetLinkIssued e) {
            d.put("LinkId", e.getLinkId());
            d.put("Resend", e.getResend());
            d.put("Channel", e.getChannel().name());
            d.put("Recipient", e.getMaskedRecipient());
            d.put("ExpiresAt", e.getExpiresAt().toString());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "ResetLinkIssued", e.getOccurredAt(), d);
        }
        if (record instanceof ResetRequestThrottled e) {
            d.put("DeliveriesInWindow", e.getDeliveriesInWindow());
            d.put("Limit", e.getLimit());
            d.put("WindowSeconds", e.getWindowSeconds());
            d.put("Reason", e.getReason());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "ResetRequestThrottled", e.getOccurredAt(), d);
        }
        if (record instanceof DeliveryOutcome e) {
            d.put("Status", e.getStatus().name());
            d.put("Channel", e.getChannel().name());
            d.put("Recipient", e.getMaskedRecipient());
            d.put("Attempt", e.getAttempt());
            d.put("Reason", e.getReason());
            d.put("ProviderMessageId", e.getProviderMessageId());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "DeliveryOutcome", e.getOccurredAt(), d);
        }
        if (record instanceof ResetLinkRevealed e) {
            d.put("LinkId", e.getLinkId());
            d.put("Action", e.getAction());
            d.put("RevealedTo", e.getActorType());
            d.put("RevealedToId", e.getActorId());
            d.put("Admin", e.getMaskedActor());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "ResetLinkRevealed", e.getOccurredAt(), d);
        }
        if (record instanceof ResetLinkRedeemed e) {
            d.put("LinkId", e.getLinkId());
            d.put("Via", e.getVia());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "ResetLinkRedeemed", e.getOccurredAt(), d);
        }
        if (record instanceof PasswordChanged e) {
            d.put("Via", e.getVia());
            return entry(e.getEventId(), e.getTenantId(), e.getCorrelationId(), e.getUserId(), "PasswordChanged", e.getOccurredAt(), d);
        }
        return null;
    }

    private static TimelineEntry entry(String eventId, String tenantId, String requestId, String userId, String type,
            java.time.Instant at, Map<String, Object> details) {
        return new TimelineEntry(eventId, tenantId, requestId, userId, type, at, details);
    }
}
