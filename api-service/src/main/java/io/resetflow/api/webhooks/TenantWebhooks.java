package io.resetflow.api.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.resetflow.api.apikey.ApiKeyKind;
import io.resetflow.api.apikey.Caller;
import io.resetflow.api.http.ApiException;

/**
 * The partner webhook operations for other parts of api-service (the admin console), always for one tenant.
 * It goes through the admin API's own proxy to notifier-service, so there is one HTTP client and one mapping
 * of notifier's answers (PascalCase maps, as the admin API returns them).
 */
@Component
public class TenantWebhooks {

    /** notifier-service refused the call (unknown endpoint, refused URL, unknown event type); the message says why. */
    public static final class Refused extends RuntimeException {
        private final boolean notFound;

        Refused(ApiException cause) {
            super(cause.getMessage(), null, false, false);
            this.notFound = cause.status().value() == 404;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    /** notifier-service could not be reached or failed; nothing is known about the endpoints right now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(RuntimeException cause) {
            super("notifier-service unavailable: " + cause.getClass().getSimpleName(), null, false, false);
        }
    }

    private final WebhookAdminController proxy;

    TenantWebhooks(WebhookAdminController proxy) {
        this.proxy = proxy;
    }

    /** The tenant's endpoints: {@code Id}, {@code Url}, {@code EventTypes}, {@code Enabled}, {@code CreatedAt}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String tenantId) {
        return (List<Map<String, Object>>) call(() -> proxy.list(caller(tenantId)));
    }

    /** A new endpoint; its {@code Secret} ({@code whsec_...}) is in this answer only. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> create(String tenantId, String url, List<String> eventTypes) {
        return (Map<String, Object>) call(() -> proxy.create(caller(tenantId), new WebhookAdminController.CreateWebhook(url, eventTypes)));
    }

    public void delete(String tenantId, String endpointId) {
        call(() -> proxy.delete(caller(tenantId), endpointId));
    }

    /** The endpoint's new {@code Secret}, shown once; the old one stops signing at once. */
    @SuppressWarnings("unchecked")
    public String rotateSecret(String tenantId, String endpointId) {
        return String.valueOf(((Map<String, Object>) call(() -> proxy.rotate(caller(tenantId), endpointId))).get("Secret"));
    }

    /**
     * The endpoint's delivery log, one row per attempt: {@code MessageId}, {@code EventType}, {@code Attempt},
     * {@code Status}, {@code StatusCode}, {@code LatencyMs}, {@code ResponseExcerpt}, {@code At}, {@code NextAttemptAt}.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> deliveries(String tenantId, String endpointId) {
        return (List<Map<String, Object>>) call(() -> proxy.deliveries(caller(tenantId), endpointId));
    }

    /** Queues the message to the endpoint again. */
    public void resend(String tenantId, String endpointId, String messageId) {
        call(() -> proxy.resend(caller(tenantId), endpointId, messageId));
    }

    private static Caller caller(String tenantId) {
        return new Caller(tenantId, ApiKeyKind.SECRET, null, 0, Duration.ZERO);
    }

    private static Object call(Supplier<ResponseEntity<Object>> call) {
        try {
            return call.get().getBody();
        } catch (ApiException e) {
            if (e.status().is5xxServerError()) {
                throw new Unavailable(e); // the proxy's 503: notifier did not answer
            }
            throw new Refused(e);
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
    }
}
