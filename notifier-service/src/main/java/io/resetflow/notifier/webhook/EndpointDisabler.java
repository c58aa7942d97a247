package io.resetflow.notifier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.email.TenantMail;
import io.resetflow.notifier.outbound.WebhookProperties;

/**
 * Disables an endpoint whose attempts have all failed for longer than {@code resetflow.webhooks.disable-after} (no
 * success since the first failure of the streak), and tells the tenant by email. Its pending messages are parked,
 * not dropped: enabling the endpoint through the admin API makes them due again. Of several notifier instances only
 * the one whose update disabled the endpoint sends the email.
 */
@Component
class EndpointDisabler {

    private static final Logger log = LoggerFactory.getLogger(EndpointDisabler.class);

    private final EndpointStore endpoints;
    private final TenantMail mail;
    private final Duration disableAfter;

    EndpointDisabler(EndpointStore endpoints, TenantMail mail, WebhookProperties properties) {
        this.endpoints = endpoints;
        this.mail = mail;
        this.disableAfter = properties.disableAfter();
    }

    /** A failed attempt at {@code at}; {@code failure} describes it (status code or error, no secrets). */
    void failed(String endpointId, Instant at, String failure) {
        endpoints.recordFailure(endpointId, at);
        Endpoint endpoint = endpoints.find(endpointId).orElse(null);
        if (endpoint == null || endpoint.failingSince() == null) {
            return;
        }
        Instant since = endpoint.failingSince();
        String reason = "every attempt failed since " + since.truncatedTo(ChronoUnit.SECONDS) + " (more than "
                + human(disableAfter) + "); last: " + failure;
        if (!endpoints.disableIfFailingSince(endpointId, at.minus(disableAfter), at, reason)) {
            return;
        }
        log.warn("webhook endpoint {} of tenant {} disabled: {}", endpointId, endpoint.tenantId(), reason);
        String notice = mail.send(endpoint.tenantId(), "Your resetflow webhook endpoint was disabled", """
                Hello,

                resetflow disabled your webhook endpoint %s
                (%s, subscribed to %s) at %s.

                Why: %s.

                No more calls are made to it. Events that were waiting for it are kept and sent when you enable it
                again: fix the endpoint, then POST /v1/admin/webhooks/%s/enable with your secret key. The endpoint's
                delivery log is at GET /v1/admin/webhooks/%s/deliveries.
                """.formatted(endpoint.url(), endpointId, String.join(", ", endpoint.eventTypes()),
                at.truncatedTo(ChronoUnit.SECONDS), reason, endpointId, endpointId));
        endpoints.recordNotice(endpointId, notice);
    }

    private static String human(Duration duration) {
        if (duration.toHours() % 24 == 0 && duration.toDays() > 0) {
            return duration.toDays() + " days";
        }
        return duration.toString().substring(2).toLowerCase();
    }
}
