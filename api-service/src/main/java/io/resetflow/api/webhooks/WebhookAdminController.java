package io.resetflow.api.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.http.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/admin/webhooks} (secret key): partner webhook endpoints, their signing secrets (shown once),
 * delivery logs, and enabling an endpoint the notifier disabled (the listing shows DisabledAt, DisabledReason).
 * The endpoints and deliveries belong to notifier-service; this forwards the call to its internal API with the
 * caller's tenant, so a tenant only ever reaches its own endpoints.
 */
@RestController
class WebhookAdminController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String REFUSED = "The webhook request was refused.";

    private final NotifierInternalApi notifier;

    WebhookAdminController(NotifierInternalApi notifier) {
        this.notifier = notifier;
    }

    record CreateWebhook(@JsonProperty("Url") String url, @JsonProperty("EventTypes") List<String> eventTypes) {
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks", consumes = "application/json", produces = "application/json")
    ResponseEntity<Object> create(Caller caller, @RequestBody(required = false) CreateWebhook body) {
        if (body == null || body.url() == null || body.eventTypes() == null || body.eventTypes().isEmpty()) {
            throw ApiException.badRequest("Url and EventTypes (e.g. [\"ResetRequested\", \"DeliveryOutcome\"]) are required.");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", body.url());
        request.put("eventTypes", body.eventTypes());
        return notifier.forward(HttpStatus.CREATED, n -> n.post().uri(base(caller)).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/webhooks", produces = "application/json")
    ResponseEntity<Object> list(Caller caller) {
        return notifier.forward(HttpStatus.OK, n -> n.get().uri(base(caller)).retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @DeleteMapping(path = "/v1/admin/webhooks/{id}", produces = "application/json")
    ResponseEntity<Object> delete(Caller caller, @PathVariable String id) {
        notifier.forward(HttpStatus.NO_CONTENT, n -> {
            n.delete().uri(base(caller) + "/" + id(id)).retrieve().toBodilessEntity();
            return null;
        }, REFUSED);
        return ResponseEntity.ok(Map.of("Status", "Success", "Message", "Webhook endpoint deleted.", "Id", id));
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks/{id}/rotate-secret", produces = "application/json")
    ResponseEntity<Object> rotate(Caller caller, @PathVariable String id) {
        return notifier.forward(HttpStatus.OK, n -> n.post().uri(base(caller) + "/" + id(id) + "/rotate-secret")
                .retrieve().body(JsonNode.class), REFUSED);
    }

    /** Enables an endpoint again (after the notifier disabled it for failing 5 days); its parked events are sent. */
    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks/{id}/enable", produces = "application/json")
    ResponseEntity<Object> enable(Caller caller, @PathVariable String id) {
        return notifier.forward(HttpStatus.OK, n -> n.post().uri(base(caller) + "/" + id(id) + "/enable")
                .retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/webhooks/{id}/deliveries", produces = "application/json")
    ResponseEntity<Object> deliveries(Caller caller, @PathVariable String id) {
        return notifier.forward(HttpStatus.OK, n -> n.get().uri(base(caller) + "/" + id(id) + "/deliveries")
                .retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks/{id}/deliveries/{messageId}/resend", produces = "application/json")
    ResponseEntity<Object> resend(Caller caller, @PathVariable String id, @PathVariable String messageId) {
        notifier.forward(HttpStatus.ACCEPTED, n -> {
            n.post().uri(base(caller) + "/" + id(id) + "/deliveries/" + id(messageId) + "/resend")
                    .retrieve().toBodilessEntity();
            return null;
        }, REFUSED);
        return ResponseEntity.accepted().body(Map.of("Status", "Success", "Message", "Delivery queued again."));
    }

    private static String base(Caller caller) {
        return "/internal/v1/tenants/" + caller.tenantId() + "/webhooks";
    }

    private static String id(String value) {
        if (!ID.matcher(value).matches()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "No webhook endpoint or delivery with Id " + value + ".");
        }
        return value;
    }
}
