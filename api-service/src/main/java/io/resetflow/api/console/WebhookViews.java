package io.resetflow.api.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.resetflow.api.webhooks.TenantWebhooks;

/**
 * The signed-in admin's partner webhook endpoints and delivery logs as the console shows them, read through
 * {@link TenantWebhooks} (notifier-service owns them). Always for the admin's own tenant.
 */
@Component
class WebhookViews {

    /** The event types a partner can subscribe to (notifier-service's list), in the order a reset happens. */
    static final List<String> EVENT_TYPES = List.of("ResetRequested", "ResetLinkIssued", "DeliveryOutcome", "ResetLinkRedeemed",
            "PasswordChanged");

    static final String UNAVAILABLE = "Partner webhooks are not available right now (the notifier service did not answer)."
            + " Your other settings still work; reload this page in a moment.";

    private static final Logger log = LoggerFactory.getLogger(WebhookViews.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    record Endpoint(String id, String url, List<String> eventTypes, boolean enabled, String createdAt) {
    }

    /** One attempt of the delivery log; {@code resendable} on the newest attempt of each message. */
    record Attempt(String messageId, String eventType, String attempt, String status, String statusCode, String latency,
            String responseExcerpt, String at, String nextAttemptAt, boolean resendable) {
    }

    /** The endpoints, or {@code unavailable} when notifier-service did not answer. */
    record Panel(List<Endpoint> endpoints, boolean unavailable) {
    }

    private final TenantWebhooks webhooks;

    WebhookViews(TenantWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    Panel panel(AdminPrincipal admin) {
        try {
            return new Panel(webhooks.list(admin.tenantId()).stream().map(WebhookViews::endpoint).toList(), false);
        } catch (TenantWebhooks.Unavailable e) {
            log.warn("console: partner webhooks of tenant {} unavailable: {}", admin.tenantId(), e.getMessage());
            return new Panel(List.of(), true);
        }
    }

    /** The endpoint if it is one of the admin's tenant; throws {@link TenantWebhooks.Unavailable}. */
    Optional<Endpoint> find(AdminPrincipal admin, String id) {
        return webhooks.list(admin.tenantId()).stream().map(WebhookViews::endpoint).filter(e -> e.id().equals(id)).findFirst();
    }

    List<Attempt> deliveries(AdminPrincipal admin, String id) {
        Set<String> seen = new HashSet<>();
        return webhooks.deliveries(admin.tenantId(), id).stream().map(d -> {
            String messageId = text(d.get("MessageId"));
            Object code = d.get("StatusCode");
            return new Attempt(messageId, text(d.get("EventType")), text(d.get("Attempt")), text(d.get("Status")).toLowerCase(java.util.Locale.ROOT),
                    code == null ? "—" : code.toString(), d.get("LatencyMs") == null ? "—" : d.get("LatencyMs") + " ms",
                    text(d.get("ResponseExcerpt")), when(d.get("At")), when(d.get("NextAttemptAt")), seen.add(messageId));
        }).toList();
    }

    private static Endpoint endpoint(Map<String, Object> e) {
        Object types = e.get("EventTypes");
        List<String> eventTypes = types instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return new Endpoint(text(e.get("Id")), text(e.get("Url")), eventTypes, !Boolean.FALSE.equals(e.get("Enabled")),
                when(e.get("CreatedAt")));
    }

    private static String when(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return WHEN.format(Instant.parse(value.toString())) + " UTC";
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
