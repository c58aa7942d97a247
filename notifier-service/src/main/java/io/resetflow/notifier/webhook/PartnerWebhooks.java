package io.resetflow.notifier.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.resetflow.notifier.outbound.CloudEvents;
import io.resetflow.notifier.outbound.SsrfGuard;
import io.resetflow.notifier.outbound.WebhookProperties;
import io.resetflow.notifier.outbound.WebhookSecrets;

/**
 * Partner webhook endpoints per tenant and the queueing of events for them. Queueing only writes rows (the Kafka
 * record is acknowledged right after); {@link WebhookDispatcher} sends.
 */
@Service
public class PartnerWebhooks {

    private static final Logger log = LoggerFactory.getLogger(PartnerWebhooks.class);

    /** An endpoint just created, with its secret (shown once). */
    record Created(Endpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Created[" + endpoint + ", secret=***]";
        }
    }

    private final EndpointStore endpoints;
    private final MessageStore messages;
    private final SsrfGuard guard;
    private final WebhookProperties properties;
    private final Clock clock;

    PartnerWebhooks(EndpointStore endpoints, MessageStore messages, SsrfGuard guard, WebhookProperties properties,
            Clock clock) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues each event for each subscribed endpoint of its tenant (unique per endpoint and event), in order. Most
     * tenants subscribe to nothing, so one query for the whole poll tells which (tenant, event type) some enabled
     * endpoint wants, and only those events are built as CloudEvents. It asks the database each time: a cached "no"
     * could be stale on another instance and lose a partner message. An endpoint created between that query and the
     * insert misses the event, as it would had it been created a moment later. Queueing an event again is harmless
     * (one message per endpoint and event).
     *
     * @throws NotQueued when event {@link NotQueued#index()} could not be queued (the database): those before it were,
     *         those after it were not tried
     */
    public void enqueue(List<PartnerEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> tenants = new HashSet<>();
        events.forEach(e -> tenants.add(e.tenantId()));
        Set<String> subscribed;
        try {
            subscribed = endpoints.subscriptions(tenants);
        } catch (RuntimeException e) {
            throw new NotQueued(0, e);
        }
        for (int i = 0; i < events.size(); i++) {
            PartnerEvent event = events.get(i);
            if (subscribed.contains(EndpointStore.subscription(event.tenantId(), event.eventType()))) {
                try {
                    queue(event);
                } catch (RuntimeException e) {
                    throw new NotQueued(i, e);
                }
            }
        }
    }

    /** {@link #enqueue} stopped at event {@code index}, for the reason given as the cause. */
    public static final class NotQueued extends RuntimeException {

        private final int index;

        NotQueued(int index, RuntimeException cause) {
            super("event " + index + " not queued: " + cause.getMessage(), cause);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    private void queue(PartnerEvent event) {
        String payload = CloudEvents.json(event.eventId(), EventTypes.CLOUD_EVENT_TYPE.get(event.eventType()),
                event.tenantId(), event.userId(), event.occurredAt(), event.data());
        int queued = messages.enqueue(event, payload, now());
        if (queued > 0) {
            log.info("{} {} of tenant {} queued for {} endpoint(s)", event.eventType(), event.eventId(),
                    event.tenantId(), queued);
        }
    }

    /** @throws IllegalArgumentException for an unknown event type; {@link io.resetflow.notifier.outbound.RefusedUrlException} for a refused URL */
    Created create(String tenantId, String url, List<String> eventTypes) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new IllegalArgumentException("eventTypes must name at least one of " + EventTypes.CLOUD_EVENT_TYPE.keySet());
        }
        for (String type : eventTypes) {
            if (!EventTypes.known(type)) {
                throw new IllegalArgumentException("unknown event type " + type + "; known: "
                        + EventTypes.CLOUD_EVENT_TYPE.keySet());
            }
        }
        guard.check(url);
        Endpoint endpoint = new Endpoint(MessageStore.newEndpointId(), tenantId, url.strip(),
                List.copyOf(new LinkedHashSet<>(eventTypes)), now());
        String secret = WebhookSecrets.generate();
        endpoints.insert(endpoint, secret);
        log.info("tenant {} added webhook endpoint {} for {}", tenantId, endpoint.id(), endpoint.eventTypes());
        return new Created(endpoint, secret);
    }

    List<Endpoint> list(String tenantId) {
        return endpoints.list(tenantId);
    }

    boolean delete(String tenantId, String id) {
        return endpoints.delete(tenantId, id);
    }

    Optional<String> rotateSecret(String tenantId, String id) {
        String secret = WebhookSecrets.generate();
        if (!endpoints.rotate(tenantId, id, secret, now().plus(properties.previousSecretValidity()))) {
            return Optional.empty();
        }
        log.info("tenant {} rotated the secret of webhook endpoint {}; the previous one stays valid for {}", tenantId,
                id, properties.previousSecretValidity());
        return Optional.of(secret);
    }

    /**
     * Enables an (auto-)disabled endpoint: a fresh failure streak, and its parked messages are due now from the start
     * of the schedule. An enabled endpoint stays as it is (its retries keep their times). Empty when the tenant has no
     * such endpoint.
     */
    Optional<Endpoint> enable(String tenantId, String id) {
        Optional<Endpoint> current = endpoints.find(tenantId, id);
        if (current.isEmpty() || current.get().enabled()) {
            return current;
        }
        if (!endpoints.enable(tenantId, id)) {
            return endpoints.find(tenantId, id); // enabled meanwhile by another call
        }
        int parked = messages.unpark(id, now());
        log.info("tenant {} enabled webhook endpoint {}; {} parked message(s) due again", tenantId, id, parked);
        return endpoints.find(tenantId, id);
    }

    Optional<List<MessageStore.LogEntry>> deliveries(String tenantId, String id) {
        return endpoints.find(tenantId, id).map(e -> messages.log(id, 200));
    }

    /** Empty when the tenant has no such endpoint; false when the endpoint has no such message. */
    Optional<Boolean> resend(String tenantId, String id, String messageId) {
        return endpoints.find(tenantId, id).map(e -> messages.resend(id, messageId, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
