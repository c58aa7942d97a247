package io.resetflow.notifier.email;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal email-template API of docs/contracts.md (bearer secret checked like every {@code /internal/**} call).
 * Every refusal is a 400 {@code invalid_template} with a message that says what to fix.
 */
@RestController
@RequestMapping("/internal/v1/tenants/{tenantId}/email-templates")
class TemplateController {

    record TemplateRequest(String subject, String text, String html) {
    }

    record TemplateResponse(String kind, String language, String subject, String text, String html, Instant updatedAt) {
        static TemplateResponse of(CustomTemplate t) {
            return new TemplateResponse(t.kind().path, t.language(), t.subject(), t.text(), t.html(), t.updatedAt());
        }
    }

    record ListResponse(String defaultLanguage, List<String> kinds, List<TemplateResponse> templates) {
    }

    record DefaultLanguage(String defaultLanguage) {
    }

    private final EmailTemplates templates;

    TemplateController(EmailTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    ListResponse list(@PathVariable String tenantId) {
        return new ListResponse(templates.defaultLanguageOf(tenantId).orElse(null), TemplateKind.paths(),
                templates.list(tenantId).stream().map(TemplateResponse::of).toList());
    }

    @PutMapping("/default-language")
    ResponseEntity<?> defaultLanguage(@PathVariable String tenantId, @RequestBody DefaultLanguage request) {
        try {
            return ResponseEntity.ok(new DefaultLanguage(
                    templates.setDefaultLanguage(tenantId, request.defaultLanguage()).orElse(null)));
        } catch (IllegalArgumentException e) {
            return invalid(e);
        }
    }

    @PutMapping("/{kind}/{language}")
    ResponseEntity<?> save(@PathVariable String tenantId, @PathVariable String kind, @PathVariable String language,
            @RequestBody TemplateRequest request) {
        try {
            return ResponseEntity.ok(TemplateResponse.of(templates.save(tenantId, kind, language, request.subject(),
                    request.text(), request.html())));
        } catch (IllegalArgumentException e) {
            return invalid(e);
        }
    }

    @DeleteMapping("/{kind}/{language}")
    ResponseEntity<?> delete(@PathVariable String tenantId, @PathVariable String kind, @PathVariable String language) {
        try {
            return templates.delete(tenantId, kind, language) ? ResponseEntity.noContent().build()
                    : ResponseEntity.notFound().build();
        } catch (IllegalArgumentException e) {
            return invalid(e);
        }
    }

    private static ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_template", "message", e.getMessage()));
    }
}
