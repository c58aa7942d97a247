package io.resetflow.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;

/**
 * Delivers one issued link at least once and at most once per issuance and channel:
 * insert-or-get the row; when it is final (SENT, FAILED_PERMANENT) send nothing and re-publish its outcome;
 * otherwise count the attempt, send, record the result, publish the outcome. The caller waits for the outcome's
 * acknowledgement (the returned {@link OutcomePublisher.Published}) before it commits the record's offset.
 * A temporary failure ends in {@link TemporaryDeliveryFailure}, after its outcome was acknowledged, so the caller
 * retries.
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

    public OutcomePublisher.Published deliver(LinkDelivery requested) {
        if (requested.channel() == DeliveryChannel.NONE) {
            log.debug("link {} of tenant {} went back to the caller; nothing to deliver", requested.linkId(),
                    requested.tenantId());
            return OutcomePublisher.Published.NOTHING;
        }
        // Seed 000: a tenant with a Set Password Webhook takes over delivery; nothing is emailed or texted.
        String webhookUrl = tenants.find(requested.tenantId()).flatMap(TenantSettings::setPasswordWebhook).orElse(null);
        LinkDelivery delivery = webhookUrl == null ? requested : requested.via(DeliveryChannel.WEBHOOK);
        DeliveryRow row = store.startAttempt(delivery, now());
        if (row.status().isFinal()) {
            log.info("link {} to {} by {} already {} (issuance {}); re-publishing its outcome", delivery.linkId(),
                    delivery.maskedRecipient(), delivery.channel(), row.status(), delivery.issuanceEventId());
            return outcomes.publish(outcomeOf(delivery, row));
        }
        int attempt = row.attempts();
        SendResult result = send(delivery, requested.channel(), webhookUrl);
        DeliveryRow recorded;
        if (result instanceof SendResult.Sent sent) {
            recorded = store.record(row.id(), DeliveryStatus.SENT, null, sent.messageId(), now());
        } else if (result instanceof SendResult.Throttled throttled) {
            recorded = store.record(row.id(), DeliveryStatus.THROTTLED, throttled.reason(), null, now());
        } else {
            SendResult.Failed failed = (SendResult.Failed) result;
            recorded = store.record(row.id(),
                    failed.permanent() ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.FAILED_TEMPORARY,
                    failed.reason(), null, now());
        }
        log.info("link {} to {} by {}: attempt {} {}{}", delivery.linkId(), delivery.maskedRecipient(),
                delivery.channel(), attempt, recorded.status(),
                recorded.reason() == null ? "" : " (" + recorded.reason() + ")");
        attempts(delivery.channel(), recorded.status()).increment();
        OutcomePublisher.Published published = outcomes.publish(outcomeOf(delivery, recorded));
        if (recorded.status() == DeliveryStatus.FAILED_TEMPORARY) {
            // Seam for the retry schedule (a later issue): for now the Kafka error handler redelivers with backoff.
            published.awaitAcknowledgement();
            throw new TemporaryDeliveryFailure("link " + delivery.linkId() + " by " + delivery.channel()
                    + ": attempt " + attempt + " failed temporarily: " + recorded.reason());
        }
        return published;
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
