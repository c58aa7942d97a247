package io.resetflow.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
        List<Step> part = new ArrayList<>(links.size());
        Set<DeliveryStore.Key> keys = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            Step step;
            try {
                step = plan(links.get(i));
            } catch (RuntimeException e) {
                // the tenant's settings could not be read (the database): the links before it go out, it is retried
                deliverPart(part, published);
                throw new PollInterrupted(i, published, e);
            }
            if (step.delivers() && !keys.add(DeliveryStore.Key.of(step.delivery()))) {
                // the same issuance again: what came before is delivered first, so this one finds its row final
                deliverPart(part, published);
                part.clear();
                keys.clear();
                keys.add(DeliveryStore.Key.of(step.delivery()));
            }
            part.add(step);
        }
        deliverPart(part, published);
        return published;
    }

    /**
     * One link as it is delivered: on the channel a tenant's Set Password Webhook may have taken over ({@code
     * webhookUrl} then set), or on none when the token went back to the caller.
     */
    private record Step(LinkDelivery requested, LinkDelivery delivery, String webhookUrl) {

        boolean delivers() {
            return delivery.channel() != DeliveryChannel.NONE;
        }
    }

    /** Seed 000: a tenant with a Set Password Webhook takes over delivery; nothing is emailed or texted. */
    private Step plan(LinkDelivery requested) {
        if (requested.channel() == DeliveryChannel.NONE) {
            return new Step(requested, requested, null);
        }
        String webhookUrl = tenants.find(requested.tenantId()).flatMap(TenantSettings::setPasswordWebhook).orElse(null);
        return new Step(requested, webhookUrl == null ? requested : requested.via(DeliveryChannel.WEBHOOK), webhookUrl);
    }

    /**
     * {@link #deliverAll} for links of distinct issuances and channels; adds their outcomes to {@code published}. Sends
     * in order until a link fails temporarily or its send throws ({@code stop}); the attempts counted for the links
     * after it are taken back.
     */
    private void deliverPart(List<Step> part, List<OutcomePublisher.Published> published) {
        if (part.isEmpty()) {
            return;
        }
        int first = published.size();
        Started settled = settleOwedOutcomes(part, start(part, first, published), first, published);
        List<DeliveryRow> started = settled.rows();
        List<DeliveryStore.Result> results = new ArrayList<>(part.size());
        int stop = part.size();
        RuntimeException thrown = null;
        for (int i = 0; i < part.size(); i++) {
            DeliveryRow row = started.get(i);
            if (row == null || row.status().isFinal()) {
                continue;
            }
            try {
                results.add(resultOf(row.id(), send(part.get(i))));
            } catch (RuntimeException e) {
                // whether this one went out is unknown: its attempt stays counted, its row as it was
                stop = i;
                thrown = e;
                break;
            }
            if (results.get(results.size() - 1).status() == DeliveryStatus.FAILED_TEMPORARY) {
                stop = i;
                break;
            }
        }
        Map<Long, DeliveryRow> recorded;
        try {
            List<Long> notSent = started.subList(Math.min(stop + 1, part.size()), part.size()).stream()
                    .filter(row -> row != null && !row.status().isFinal()).map(DeliveryRow::id).toList();
            if (!notSent.isEmpty()) {
                store.release(notSent);
            }
            recorded = results.isEmpty() ? Map.of() : store.recordAll(results);
        } catch (RuntimeException e) {
            // none of this part is known as sent: all of it is done again (sent again, at least once)
            if (thrown != null) {
                e.addSuppressed(thrown);
            }
            throw new PollInterrupted(first, published, e);
        }
        int end = thrown != null ? stop : Math.min(stop + 1, part.size());
        for (int i = 0; i < end; i++) {
            try {
                OutcomePublisher.Published republished = settled.republished().get(i);
                published.add(republished != null ? republished
                        : publish(part.get(i).delivery(), started.get(i), recorded));
            } catch (RuntimeException e) {
                // the producer refused the outcome at once (no metadata in time, a full buffer): this link and those
                // after it are done again from their recorded rows, which re-publishes their outcomes
                if (thrown != null) {
                    e.addSuppressed(thrown);
                }
                throw new PollInterrupted(first + i, published, e);
            }
        }
        if (thrown != null) {
            throw new PollInterrupted(first + stop, published, thrown);
        }
        if (stop < part.size()) {
            // Seam for the retry schedule (a later issue): for now the Kafka error handler redelivers with backoff.
            OutcomePublisher.Published deferred = published.remove(published.size() - 1);
            try {
                deferred.awaitAcknowledgement();
            } catch (RuntimeException e) {
                throw new PollInterrupted(first + stop, published, e);
            }
            LinkDelivery delivery = part.get(stop).delivery();
            DeliveryRow row = recorded.get(started.get(stop).id());
            try {
                store.outcomesPublished(List.of(row));
            } catch (RuntimeException e) {
                // the next attempt publishes this outcome again first: an identical copy, harmless
                log.debug("link {}: outcome of attempt {} not marked published ({})", delivery.linkId(), row.attempts(),
                        e.getMessage());
            }
            throw new PollInterrupted(first + stop, published, new TemporaryDeliveryFailure("link "
                    + delivery.linkId() + " by " + delivery.channel() + ": attempt " + row.attempts()
                    + " failed temporarily: " + row.reason()));
        }
    }

    /** Each step's row with its attempt started ({@link DeliveryStore#startAttempts}), null for nothing to deliver. */
    private List<DeliveryRow> start(List<Step> part, int first, List<OutcomePublisher.Published> published) {
        List<LinkDelivery> toStart = part.stream().filter(Step::delivers).map(Step::delivery).toList();
        try {
            Map<DeliveryStore.Key, DeliveryRow> rows = toStart.isEmpty() ? Map.of() : store.startAttempts(toStart, now());
            return part.stream().map(step -> step.delivers() ? rows.get(DeliveryStore.Key.of(step.delivery())) : null)
                    .toList();
        } catch (RuntimeException e) {
            throw new PollInterrupted(first, published, e);
        }
    }

    /**
     * A part's rows once their owed outcomes are on the log (see {@link #settleOwedOutcomes}), and the outcomes of
     * final rows before them, already re-published, by index.
     */
    private record Started(List<DeliveryRow> rows, Map<Integer, OutcomePublisher.Published> republished) {
    }

    /**
     * Publishes the outcomes {@link #start} found owed (a temporary failure's outcome the broker never acknowledged,
     * or a crash before it did), waiting for them, and only then counts those links' next attempts: the trail has
     * every recorded attempt. The final rows before the last owed one re-publish their outcomes first, so that one
     * user's outcomes keep the order of the attempts. When an outcome is refused again nothing of the part is sent
     * (the attempts counted for it are taken back) and the poll stops at the part's first link.
     */
    private Started settleOwedOutcomes(List<Step> part, List<DeliveryRow> started, int first,
            List<OutcomePublisher.Published> published) {
        List<Integer> owed = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            if (owes(started.get(i))) {
                owed.add(i);
            }
        }
        if (owed.isEmpty()) {
            return new Started(started, Map.of());
        }
        List<DeliveryRow> settled = new ArrayList<>(started);
        Map<Integer, OutcomePublisher.Published> republished = new HashMap<>();
        List<DeliveryRow> countedAgain = List.of();
        try {
            List<OutcomePublisher.Published> owedOutcomes = new ArrayList<>(owed.size());
            for (int i = 0; i <= owed.get(owed.size() - 1); i++) {
                DeliveryRow row = started.get(i);
                LinkDelivery delivery = part.get(i).delivery();
                if (row != null && row.status().isFinal()) {
                    republished.put(i, publish(delivery, row, Map.of()));
                } else if (owes(row)) {
                    log.info("link {} to {} by {}: publishing the outcome of attempt {} ({}) before the next attempt",
                            delivery.linkId(), delivery.maskedRecipient(), delivery.channel(), row.attempts(),
                            row.status());
                    owedOutcomes.add(outcomes.publish(outcomeOf(delivery, row)));
                }
            }
            owedOutcomes.forEach(OutcomePublisher.Published::awaitAcknowledgement);
            store.outcomesPublished(owed.stream().map(started::get).toList());
            Map<DeliveryStore.Key, DeliveryRow> again = store.startAttempts(
                    owed.stream().map(i -> part.get(i).delivery()).toList(), now());
            countedAgain = again.values().stream().filter(Deliveries::counted).toList();
            for (int i : owed) {
                DeliveryRow row = again.get(DeliveryStore.Key.of(part.get(i).delivery()));
                if (owes(row)) {
                    // another instance attempted it meanwhile (a rebalance) and owes that attempt's outcome
                    throw new IllegalStateException("link " + part.get(i).delivery().linkId()
                            + " was attempted elsewhere meanwhile; retried");
                }
                settled.set(i, row);
            }
        } catch (RuntimeException e) {
            List<Long> counted = new ArrayList<>();
            started.stream().filter(Deliveries::counted).forEach(row -> counted.add(row.id()));
            countedAgain.forEach(row -> counted.add(row.id()));
            try {
                if (!counted.isEmpty()) {
                    store.release(counted);
                }
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw new PollInterrupted(first, published, e);
        }
        return new Started(settled, republished);
    }

    /** A row whose last attempt's outcome is not on the log yet (see {@link DeliveryStore#startAttempts}). */
    private static boolean owes(DeliveryRow row) {
        return row != null && row.outcomePending() && !row.status().isFinal();
    }

    /** A row {@link DeliveryStore#startAttempts} counted an attempt on: neither final nor owing. */
    private static boolean counted(DeliveryRow row) {
        return row != null && !row.outcomePending() && !row.status().isFinal();
    }

    /** Publishes the outcome of a link: attempted now when {@code recorded} has its row, else final before. */
    private OutcomePublisher.Published publish(LinkDelivery delivery, DeliveryRow started,
            Map<Long, DeliveryRow> recorded) {
        if (started == null) {
            log.debug("link {} of tenant {} went back to the caller; nothing to deliver", delivery.linkId(),
                    delivery.tenantId());
            return OutcomePublisher.Published.NOTHING;
        }
        DeliveryRow row = recorded.get(started.id());
        if (row == null) {
            log.info("link {} to {} by {} already {} (issuance {}); re-publishing its outcome", delivery.linkId(),
                    delivery.maskedRecipient(), delivery.channel(), started.status(), delivery.issuanceEventId());
            return outcomes.publish(outcomeOf(delivery, started));
        }
        log.info("link {} to {} by {}: attempt {} {}{}", delivery.linkId(), delivery.maskedRecipient(),
                delivery.channel(), row.attempts(), row.status(), row.reason() == null ? "" : " (" + row.reason() + ")");
        attempts(delivery.channel(), row.status()).increment();
        return outcomes.publish(outcomeOf(delivery, row));
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
     * The caller is giving up on a temporarily failing delivery: before it dead-letters the record, the last attempt's
     * outcome goes on the log if it is still owed (its publish was refused), so that the trail has every attempt and
     * a refusal now leaves the record retried, not dead-lettered and then redone.
     */
    public void beforeDeadLetter(LinkDelivery requested) {
        LinkDelivery delivery = plan(requested).delivery();
        DeliveryRow row = store.insertOrGet(delivery, now());
        if (owes(row)) {
            outcomes.publish(outcomeOf(delivery, row)).awaitAcknowledgement();
            store.outcomesPublished(List.of(row));
        }
    }

    /**
     * The caller gave up on a temporarily failing delivery and dead-lettered it: records DEAD_LETTERED and publishes
     * that outcome, waiting for the broker (once; a repeated call re-publishes the same event). Nothing happens when
     * the row moved on.
     */
    public void deadLettered(LinkDelivery requested) {
        LinkDelivery delivery = plan(requested).delivery();
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

    private SendResult send(Step step) {
        LinkDelivery delivery = step.delivery();
        if (step.webhookUrl() != null) {
            return setPasswordWebhook.deliver(delivery, step.requested().channel(), step.webhookUrl());
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
