package io.resetflow.api.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.webhooks.NotifierInternalApi;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/admin/email-templates} (secret key): a tenant's own email wording per kind ({@code reset-link},
 * {@code password-changed}) and language, and its default template language. notifier-service stores, validates
 * and renders them; this forwards the call with the caller's tenant, and notifier's refusal (a template that would
 * not render) becomes a 400 with its message.
 */
@RestController
class TemplateAdminController {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");
    private static final String REFUSED = "The template was refused.";

    private final NotifierInternalApi notifier;

    TemplateAdminController(NotifierInternalApi notifier) {
        this.notifier = notifier;
    }

    record Template(@JsonProperty("Subject") String subject, @JsonProperty("Text") String text,
            @JsonProperty("Html") String html) {
    }

    record DefaultLanguage(@JsonProperty("DefaultLanguage") String defaultLanguage) {
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/email-templates", produces = "application/json")
    ResponseEntity<Object> list(Caller caller) {
        return notifier.forward(HttpStatus.OK, n -> n.get().uri(base(caller)).retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @PutMapping(path = "/v1/admin/email-templates/{kind}/{language}", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<Object> save(Caller caller, @PathVariable String kind, @PathVariable String language,
            @RequestBody(required = false) Template body) {
        String path = path(caller, kind, language);
        if (body == null || blank(body.subject()) || blank(body.text()) || blank(body.html())) {
            throw ApiException.badRequest("Subject, Text and Html are required; Text and Html of a reset-link "
                    + "template must contain {{link}}.");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("subject", body.subject());
        request.put("text", body.text());
        request.put("html", body.html());
        return notifier.forward(HttpStatus.OK, n -> n.put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().body(JsonNode.class), REFUSED);
    }

    @SecretKeyRequired
    @DeleteMapping(path = "/v1/admin/email-templates/{kind}/{language}", produces = "application/json")
    ResponseEntity<Object> delete(Caller caller, @PathVariable String kind, @PathVariable String language) {
        String path = path(caller, kind, language);
        notifier.forward(HttpStatus.NO_CONTENT, n -> {
            n.delete().uri(path).retrieve().toBodilessEntity();
            return null;
        }, "No " + kind + " template in " + language + ".");
        return ResponseEntity.ok(Map.of("Status", "Success", "Message", "Template deleted; the built-in one applies."));
    }

    @SecretKeyRequired
    @PutMapping(path = "/v1/admin/email-templates/default-language", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<Object> defaultLanguage(Caller caller, @RequestBody(required = false) DefaultLanguage body) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("defaultLanguage", body == null ? null : body.defaultLanguage());
        return notifier.forward(HttpStatus.OK, n -> n.put().uri(base(caller) + "/default-language")
                .contentType(MediaType.APPLICATION_JSON).body(request).retrieve().body(JsonNode.class), REFUSED);
    }

    private static String base(Caller caller) {
        return "/internal/v1/tenants/" + caller.tenantId() + "/email-templates";
    }

    /** Checked here too, so nothing odd reaches notifier's URL. */
    private static String path(Caller caller, String kind, String language) {
        if (!KIND.matcher(kind).matches()) {
            throw ApiException.badRequest("Unknown template kind; known: reset-link, password-changed.");
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw ApiException.badRequest("Language must be an ISO 639 code such as en or de.");
        }
        return base(caller) + "/" + kind + "/" + language;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
