package io.resetflow.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;

/**
 * Delivers issued links at least once and at most once per issuance and channel, a poll at a time:
 * insert-or-get each row; when it is final (SENT, FAILED_PERMANENT, THROTTLED) send nothing and re-publish its
 * outcome; otherwise count the attempt, send, record the result, publish the outcome. The caller waits for the
 * outcomes' acknowledgements (the returned {@link OutcomePublisher.Published}) before it commits the records' offsets.
 * A temporary failure ends the poll in {@link PollInterrupted} with a {@link TemporaryDeliveryFailure}, after its
 * outcome was acknowledged, so the caller retries that link.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryStore store;
    private final EmailGateway email;
    private final SmsGateway sms;
    private final SetPasswordWebhookGateway setPasswordWebhook;
    private final Tenants tenants;
    private final OutcomePublisher outcomes;
    private final Clock clock;
    private final MeterRegistry meters;

    Deliveries(DeliveryStore store, EmailGateway email, SmsGateway sms, SetPasswordWebhookGateway setPasswordWebhook,
            Tenants tenants, OutcomePublisher outcomes, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.email = email;
        this.sms = sms;
        this.setPasswordWebhook = setPasswordWebhook;
        this.tenants = tenants;
        this.outcomes = outcomes;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Delivers a poll's links in order, with two statements for all of them: the attempts are counted before any is
     * sent ({@link DeliveryStore#startAttempts}; a final row sends nothing and re-publishes its outcome), each link
     * is sent, and the results are recorded together ({@link DeliveryStore#recordAll}) before the outcomes are
     * handed to the producer. A crash between the sends and that record makes a replay send those links again
     * (at least once, as a crash between one send and its record always did; now up to a poll's links).
     * Two links of one issuance and channel in a poll (an outbox published its event twice) are started apart.
     *
     * @return the outcomes handed to the producer, one per link, in order; the caller waits for them before it
     *         commits the poll's offsets
     * @throws PollInterrupted when link {@code index} failed: a temporary failure (recorded, its outcome
     *         acknowledged, {@link TemporaryDeliveryFailure} as the cause) or anything else. The links before it were
     *         delivered (their outcomes are in the exception); those after it were not sent and their attempts are
     *         not counted.
     */
    public List<OutcomePublisher.Published> deliverAll(List<LinkDelivery> links) {
        List<OutcomePublisher.Published> published = new ArrayList<>(links.size());
        int from = 0;
        while (from < links.size()) {
            int to = from;
            Set<DeliveryStore.Key> keys = new HashSet<>();
            List<LinkDelivery> effective = new ArrayList<>();
            List<String> webhooks = new ArrayList<>();
            RuntimeException unknownSettings = null;
            for (; to < links.size(); to++) {
                LinkDelivery requested = links.get(to);
                // Seed 000: a tenant with a Set Password Webhook takes over delivery; nothing is emailed or texted.
                String webhookUrl;
                try {
                    webhookUrl = requested.channel() == DeliveryChannel.NONE ? null
                            : tenants.find(requested.tenantId()).flatMap(TenantSettings::setPasswordWebhook).orElse(null);
                } catch (RuntimeException e) {
                    // the settings could not be read (the database): the links before it go out, it is retried
                    unknownSettings = e;
                    break;
                }
                LinkDelivery delivery = webhookUrl == null ? requested : requested.via(DeliveryChannel.WEBHOOK);
                if (delivery.channel() != DeliveryChannel.NONE && !keys.add(DeliveryStore.Key.of(delivery))) {
                    break;
                }
                effective.add(delivery);
                webhooks.add(webhookUrl);
            }
            deliverDistinct(links.subList(from, to), effective, webhooks, published);
            if (unknownSettings != null) {
                throw new PollInterrupted(to, published, unknownSettings);
            }
            from = to;
        }
        return published;
    }

    /** {@link #deliverAll} for links of distinct keys; adds their outcomes to {@code published}. */
    private void deliverDistinct(List<LinkDelivery> requested, List<LinkDelivery> effective, List<String> webhooks,
            List<OutcomePublisher.Published> published) {
        int first = published.size();
        List<LinkDelivery> toStart = effective.stream().filter(d -> d.channel() != DeliveryChannel.NONE).toList();
        Map<DeliveryStore.Key, DeliveryRow> started;
        try {
            started = toStart.isEmpty() ? Map.of() : store.startAttempts(toStart, now());
        } catch (RuntimeException e) {
            throw new PollInterrupted(first, published, e);
        }
        List<DeliveryStore.Result> results = new ArrayList<>(effective.size());
        int stop = effective.size();
        RuntimeException failure = null;
        for (int i = 0; i < effective.size(); i++) {
            LinkDelivery delivery = effective.get(i);
            if (delivery.channel() == DeliveryChannel.NONE) {
                continue;
            }
            DeliveryRow row = started.get(DeliveryStore.Key.of(delivery));
            if (row.status().isFinal()) {
                continue;
            }
            SendResult result;
            try {
                result = send(delivery, requested.get(i).channel(), webhooks.get(i));
            } catch (RuntimeException e) {
                // whether this one went out is unknown: its attempt stays counted, as does its row's state
                stop = i;
                failure = e;
                break;
            }
            DeliveryStore.Result recorded = resultOf(row.id(), result);
            results.add(recorded);
            if (recorded.status() == DeliveryStatus.FAILED_TEMPORARY) {
                stop = i;
                break;
            }
        }
        Map<Long, DeliveryRow> recorded;
        try {
            List<Long> notSent = new ArrayList<>();
            for (int i = stop + 1; i < effective.size(); i++) {
                DeliveryRow row = started.get(DeliveryStore.Key.of(effective.get(i)));
                if (row != null && !row.status().isFinal()) {
                    notSent.add(row.id());
                }
            }
            if (!notSent.isEmpty()) {
                store.release(notSent);
            }
            recorded = results.isEmpty() ? Map.of() : store.recordAll(results);
        } catch (RuntimeException e) {
            // nothing of this part of the poll is known as sent: it is all done again (sent again, at least once)
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw new PollInterrupted(first, published, e);
        }
        int end = failure != null ? stop : Math.min(stop + 1, effective.size());
        for (int i = 0; i < end; i++) {
            LinkDelivery delivery = effective.get(i);
            if (delivery.channel() == DeliveryChannel.NONE) {
                log.debug("link {} of tenant {} went back to the caller; nothing to deliver", delivery.linkId(),
                        delivery.tenantId());
                published.add(OutcomePublisher.Published.NOTHING);
                continue;
            }
            DeliveryRow row = started.get(DeliveryStore.Key.of(delivery));
            if (row.status().isFinal()) {
                log.info("link {} to {} by {} already {} (issuance {}); re-publishing its outcome", delivery.linkId(),
                        delivery.maskedRecipient(), delivery.channel(), row.status(), delivery.issuanceEventId());
            } else {
                row = recorded.get(row.id());
                log.info("link {} to {} by {}: attempt {} {}{}", delivery.linkId(), delivery.maskedRecipient(),
                        delivery.channel(), row.attempts(), row.status(),
                        row.reason() == null ? "" : " (" + row.reason() + ")");
                attempts(delivery.channel(), row.status()).increment();
            }
            published.add(outcomes.publish(outcomeOf(delivery, row)));
        }
        if (failure != null) {
            throw new PollInterrupted(first + stop, published, failure);
        }
        if (stop < effective.size()) {
            // Seam for the retry schedule (a later issue): for now the Kafka error handler redelivers with backoff.
            OutcomePublisher.Published temporary = published.remove(published.size() - 1);
            LinkDelivery delivery = effective.get(stop);
            DeliveryRow row = recorded.get(started.get(DeliveryStore.Key.of(delivery)).id());
            try {
                temporary.awaitAcknowledgement();
            } catch (RuntimeException e) {
                throw new PollInterrupted(first + stop, published, e);
            }
            throw new PollInterrupted(first + stop, published, new TemporaryDeliveryFailure("link "
                    + delivery.linkId() + " by " + delivery.channel() + ": attempt " + row.attempts()
                    + " failed temporarily: " + row.reason()));
        }
    }

    private DeliveryStore.Result resultOf(long id, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            return new DeliveryStore.Result(id, DeliveryStatus.SENT, null, sent.messageId(), now());
        }
        if (result instanceof SendResult.Throttled throttled) {
            return new DeliveryStore.Result(id, DeliveryStatus.THROTTLED, throttled.reason(), null, now());
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        return new DeliveryStore.Result(id,
                failed.permanent() ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.FAILED_TEMPORARY,
                failed.reason(), null, now());
    }

    /**
     * {@link #deliverAll} stopped at link {@code index}, for the reason given as the cause. {@code published} holds
     * the outcomes of the links before it, which were delivered.
     */
    public static final class PollInterrupted extends RuntimeException {

        private final int index;
        private final transient List<OutcomePublisher.Published> published;

        PollInterrupted(int index, List<OutcomePublisher.Published> published, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
            this.published = List.copyOf(published);
        }

        public int index() {
            return index;
        }

        public List<OutcomePublisher.Published> published() {
            return published;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /**
     * The caller gave up on a temporarily failing delivery and dead-lettered it: records DEAD_LETTERED and publishes
     * that outcome, waiting for the broker (once; a repeated call re-publishes the same event). Nothing happens when
     * the row moved on.
     */
    public void deadLettered(LinkDelivery requested) {
        boolean takenOver = tenants.find(requested.tenantId()).flatMap(TenantSettings::setPasswordWebhook).isPresent();
        LinkDelivery delivery = takenOver && requested.channel() != DeliveryChannel.NONE
                ? requested.via(DeliveryChannel.WEBHOOK) : requested;
        DeliveryRow row = store.insertOrGet(delivery, now());
        if (row.status() == DeliveryStatus.FAILED_TEMPORARY) {
            row = store.record(row.id(), DeliveryStatus.DEAD_LETTERED, row.reason(), null, now());
            log.warn("link {} to {} by {}: dead-lettered after {} attempts ({})", delivery.linkId(),
                    delivery.maskedRecipient(), delivery.channel(), row.attempts(), row.reason());
        }
        if (row.status() == DeliveryStatus.DEAD_LETTERED) {
            outcomes.publish(outcomeOf(delivery, row)).awaitAcknowledgement();
        }
    }

    /** {@code resetflow_delivery_attempts_total{channel, status}} on /actuator/prometheus. */
    private Counter attempts(DeliveryChannel channel, DeliveryStatus status) {
        return Counter.builder("resetflow.delivery.attempts")
                .description("Delivery attempts of reset links by channel and result")
                .tag("channel", channel.name())
                .tag("status", status.name())
                .register(meters);
    }

    private SendResult send(LinkDelivery delivery, DeliveryChannel requested, String webhookUrl) {
        if (webhookUrl != null) {
            return setPasswordWebhook.deliver(delivery, requested, webhookUrl);
        }
        return switch (delivery.channel()) {
            case EMAIL -> email.sendResetLink(delivery.tenantId(), delivery.recipient(), delivery.link(),
                    delivery.expiresAt(), delivery.locale());
            case SMS -> sms.sendResetLink(delivery.tenantId(), delivery.recipient(), delivery.link());
            case WEBHOOK, UNKNOWN, NONE ->
                    new SendResult.Failed(true, "channel " + delivery.channel() + " not supported");
        };
    }

    private static Outcome outcomeOf(LinkDelivery delivery, DeliveryRow row) {
        String eventId = row.status() == DeliveryStatus.DEAD_LETTERED
                ? Outcome.deadLetteredEventIdOf(delivery.issuanceEventId(), delivery.channel(), row.attempts())
                : Outcome.eventIdOf(delivery.issuanceEventId(), delivery.channel(), row.attempts());
        return new Outcome(
                eventId,
                row.updatedAt(),
                delivery.tenantId(),
                delivery.correlationId(),
                delivery.issuanceEventId(),
                delivery.userId(),
                delivery.linkId(),
                delivery.channel(),
                delivery.maskedRecipient(),
                row.status(),
                row.attempts(),
                row.reason(),
                row.providerMessageId());
    }

    /** Millisecond precision, as stored and as published, so a re-published outcome is identical. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
