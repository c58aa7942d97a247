package io.resetflow.notifier.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.resetflow.notifier.outbound.RefusedUrlException;

/** The internal partner-webhook API of docs/contracts.md (bearer secret checked by {@link InternalAuthFilter}). */
@RestController
@RequestMapping("/internal/v1/tenants/{tenantId}/webhooks")
class WebhookController {

    record CreateRequest(String url, List<String> eventTypes) {
    }

    record CreatedResponse(String id, String url, List<String> eventTypes, String secret, Instant createdAt) {
    }

    /** {@code failingSince} is set while attempts fail; the {@code disabled*} fields while it is auto-disabled. */
    record EndpointResponse(String id, String url, List<String> eventTypes, boolean enabled, Instant createdAt,
            Instant failingSince, Instant disabledAt, String disabledReason, String disabledNotice) {

        static EndpointResponse of(Endpoint e) {
            return new EndpointResponse(e.id(), e.url(), e.eventTypes(), e.enabled(), e.createdAt(), e.failingSince(),
                    e.disabledAt(), e.disabledReason(), e.disabledNotice());
        }
    }

    private final PartnerWebhooks webhooks;

    WebhookController(PartnerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    ResponseEntity<?> create(@PathVariable String tenantId, @RequestBody CreateRequest request) {
        try {
            PartnerWebhooks.Created created = webhooks.create(tenantId, request.url(), request.eventTypes());
            Endpoint e = created.endpoint();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new CreatedResponse(e.id(), e.url(), e.eventTypes(), created.secret(), e.createdAt()));
        } catch (IllegalArgumentException e) {
            return error("invalid_event_type", e.getMessage());
        } catch (RefusedUrlException e) {
            return error("url_refused", e.getMessage());
        }
    }

    @GetMapping
    List<EndpointResponse> list(@PathVariable String tenantId) {
        return webhooks.list(tenantId).stream().map(EndpointResponse::of).toList();
    }

    @PostMapping("/{id}/enable")
    ResponseEntity<EndpointResponse> enable(@PathVariable String tenantId, @PathVariable String id) {
        return webhooks.enable(tenantId, id).map(e -> ResponseEntity.ok(EndpointResponse.of(e)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String id) {
        return webhooks.delete(tenantId, id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @PostMapping("/{id}/rotate-secret")
    ResponseEntity<Map<String, String>> rotate(@PathVariable String tenantId, @PathVariable String id) {
        return webhooks.rotateSecret(tenantId, id).map(secret -> ResponseEntity.ok(Map.of("secret", secret)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/deliveries")
    ResponseEntity<List<MessageStore.LogEntry>> deliveries(@PathVariable String tenantId, @PathVariable String id) {
        return webhooks.deliveries(tenantId, id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/deliveries/{messageId}/resend")
    ResponseEntity<Void> resend(@PathVariable String tenantId, @PathVariable String id, @PathVariable String messageId) {
        boolean queued = webhooks.resend(tenantId, id, messageId).orElse(false);
        return queued ? ResponseEntity.accepted().build() : ResponseEntity.notFound().build();
    }

    private static ResponseEntity<Map<String, String>> error(String code, String message) {
        return ResponseEntity.badRequest().body(Map.of("error", code, "message", message));
    }
}
