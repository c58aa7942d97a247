package io.resetflow.api.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.tokens.InternalApiProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/admin/webhooks} (secret key): partner webhook endpoints, their signing secrets (shown once)
 * and delivery logs. The endpoints and deliveries belong to notifier-service; this forwards the call to
 * its internal API with the caller's tenant, so a tenant only ever reaches its own endpoints.
 */
@RestController
class WebhookAdminController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final RestClient notifier;
    private final JsonMapper json;

    WebhookAdminController(RestClient.Builder builder, NotifierServiceProperties service, InternalApiProperties internal,
            JsonMapper json) {
        this.notifier = builder.baseUrl(service.url().toString())
                .defaultHeader("Authorization", "Bearer " + internal.secret()).build();
        this.json = json;
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
        return forward(HttpStatus.CREATED, () -> notifier.post().uri(base(caller)).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().body(JsonNode.class));
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/webhooks", produces = "application/json")
    ResponseEntity<Object> list(Caller caller) {
        return forward(HttpStatus.OK, () -> notifier.get().uri(base(caller)).retrieve().body(JsonNode.class));
    }

    @SecretKeyRequired
    @DeleteMapping(path = "/v1/admin/webhooks/{id}", produces = "application/json")
    ResponseEntity<Object> delete(Caller caller, @PathVariable String id) {
        forward(HttpStatus.NO_CONTENT, () -> {
            notifier.delete().uri(base(caller) + "/" + id(id)).retrieve().toBodilessEntity();
            return null;
        });
        return ResponseEntity.ok(Map.of("Status", "Success", "Message", "Webhook endpoint deleted.", "Id", id));
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks/{id}/rotate-secret", produces = "application/json")
    ResponseEntity<Object> rotate(Caller caller, @PathVariable String id) {
        return forward(HttpStatus.OK, () -> notifier.post().uri(base(caller) + "/" + id(id) + "/rotate-secret")
                .retrieve().body(JsonNode.class));
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/webhooks/{id}/deliveries", produces = "application/json")
    ResponseEntity<Object> deliveries(Caller caller, @PathVariable String id) {
        return forward(HttpStatus.OK, () -> notifier.get().uri(base(caller) + "/" + id(id) + "/deliveries")
                .retrieve().body(JsonNode.class));
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/webhooks/{id}/deliveries/{messageId}/resend", produces = "application/json")
    ResponseEntity<Object> resend(Caller caller, @PathVariable String id, @PathVariable String messageId) {
        forward(HttpStatus.ACCEPTED, () -> {
            notifier.post().uri(base(caller) + "/" + id(id) + "/deliveries/" + id(messageId) + "/resend")
                    .retrieve().toBodilessEntity();
            return null;
        });
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

    /** Passes notifier's answer through as PascalCase; its 4xx become our 4xx with its message. */
    private ResponseEntity<Object> forward(HttpStatus status, java.util.function.Supplier<JsonNode> call) {
        try {
            JsonNode body = call.get();
            return ResponseEntity.status(status).body(body == null ? Map.of("Status", "Success") : pascal(body));
        } catch (RestClientResponseException e) {
            HttpStatusCode code = e.getStatusCode();
            if (code.is4xxClientError()) {
                String message = "The webhook request was refused.";
                try {
                    message = json.readTree(e.getResponseBodyAsString()).path("message").asString(message);
                } catch (RuntimeException notJson) {
                    // keep the generic message
                }
                throw new ApiException(code.value() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, message);
            }
            throw e;
        }
    }

    static Object pascal(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1),
                    pascal(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new java.util.ArrayList<>();
            node.forEach(n -> out.add(pascal(n)));
            return out;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }
}
