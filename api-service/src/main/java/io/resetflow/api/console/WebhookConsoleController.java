package io.resetflow.api.console;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.resetflow.api.webhooks.TenantWebhooks;

/**
 * Partner webhook endpoints on the settings page: add one (its signing secret is shown once, never stored
 * here), delete it, rotate its secret, read its delivery log and send a message again. The endpoints live in
 * notifier-service and are reached only for the admin's own tenant; another tenant's endpoint id is a 404.
 */
@Controller
class WebhookConsoleController {

    static final String DELETED = "Webhook endpoint deleted.";
    static final String RESENT = "Delivery queued again.";

    private static final Logger log = LoggerFactory.getLogger(WebhookConsoleController.class);

    private final TenantWebhooks webhooks;
    private final WebhookViews views;

    WebhookConsoleController(TenantWebhooks webhooks, WebhookViews views) {
        this.webhooks = webhooks;
        this.views = views;
    }

    @PostMapping("/admin/settings/webhooks")
    String create(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin,
            @RequestParam(name = "webhookUrl", defaultValue = "") String url,
            @RequestParam(name = "eventTypes", required = false) List<String> eventTypes, Model model,
            RedirectAttributes redirect) {
        String problem = null;
        List<String> types = eventTypes == null ? List.of() : eventTypes;
        if (url.isBlank()) {
            problem = "Enter the https address that should receive the webhooks.";
        } else if (types.isEmpty()) {
            problem = "Choose at least one event type.";
        } else {
            try {
                var created = webhooks.create(admin.tenantId(), url.strip(), types);
                log.info("console: admin {} added webhook endpoint {} to tenant {}", admin.id(), created.get("Id"), admin.tenantId());
                return secretPage(model, "Webhook endpoint added", String.valueOf(created.get("Id")), String.valueOf(created.get("Url")),
                        String.valueOf(created.get("Secret")));
            } catch (TenantWebhooks.Refused e) {
                problem = "The endpoint was not added: " + e.getMessage();
            } catch (TenantWebhooks.Unavailable e) {
                problem = WebhookViews.UNAVAILABLE;
            }
        }
        redirect.addFlashAttribute("webhookError", problem);
        redirect.addFlashAttribute("webhookUrl", url);
        redirect.addFlashAttribute("webhookTypes", types);
        return "redirect:/admin/settings#webhooks";
    }

    @PostMapping("/admin/settings/webhooks/{id}/delete")
    String delete(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id,
            RedirectAttributes redirect) {
        try {
            webhooks.delete(admin.tenantId(), id);
            log.info("console: admin {} deleted webhook endpoint {} of tenant {}", admin.id(), id, admin.tenantId());
            redirect.addFlashAttribute("webhookNotice", DELETED);
        } catch (TenantWebhooks.Refused e) {
            throw notFound(e);
        } catch (TenantWebhooks.Unavailable e) {
            redirect.addFlashAttribute("webhookError", WebhookViews.UNAVAILABLE);
        }
        return "redirect:/admin/settings#webhooks";
    }

    @PostMapping("/admin/settings/webhooks/{id}/rotate-secret")
    String rotate(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id, Model model,
            RedirectAttributes redirect) {
        try {
            WebhookViews.Endpoint endpoint = views.find(admin, id).orElseThrow(ConsoleAdvice.NotFound::new);
            String secret = webhooks.rotateSecret(admin.tenantId(), id);
            log.info("console: admin {} rotated the secret of webhook endpoint {} of tenant {}", admin.id(), id, admin.tenantId());
            return secretPage(model, "New signing secret", id, endpoint.url(), secret);
        } catch (TenantWebhooks.Refused e) {
            throw notFound(e);
        } catch (TenantWebhooks.Unavailable e) {
            redirect.addFlashAttribute("webhookError", WebhookViews.UNAVAILABLE);
            return "redirect:/admin/settings#webhooks";
        }
    }

    @GetMapping("/admin/settings/webhooks/{id}")
    String deliveries(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id, Model model) {
        try {
            model.addAttribute("endpoint", views.find(admin, id).orElseThrow(ConsoleAdvice.NotFound::new));
            model.addAttribute("attempts", views.deliveries(admin, id));
            model.addAttribute("unavailable", false);
        } catch (TenantWebhooks.Refused e) {
            throw notFound(e);
        } catch (TenantWebhooks.Unavailable e) {
            model.addAttribute("endpoint", null);
            model.addAttribute("attempts", List.of());
            model.addAttribute("unavailable", true);
            model.addAttribute("unavailableMessage", WebhookViews.UNAVAILABLE);
        }
        return "admin/webhook";
    }

    @PostMapping("/admin/settings/webhooks/{id}/deliveries/{messageId}/resend")
    String resend(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id,
            @PathVariable String messageId, RedirectAttributes redirect) {
        try {
            webhooks.resend(admin.tenantId(), id, messageId);
            log.info("console: admin {} re-sent message {} to webhook endpoint {} of tenant {}", admin.id(), messageId, id,
                    admin.tenantId());
            redirect.addFlashAttribute("webhookNotice", RESENT);
        } catch (TenantWebhooks.Refused e) {
            throw notFound(e);
        } catch (TenantWebhooks.Unavailable e) {
            redirect.addFlashAttribute("webhookError", WebhookViews.UNAVAILABLE);
        }
        redirect.addAttribute("id", id);
        return "redirect:/admin/settings/webhooks/{id}";
    }

    private static String secretPage(Model model, String title, String id, String url, String secret) {
        model.addAttribute("title", title);
        model.addAttribute("endpointId", id);
        model.addAttribute("endpointUrl", url);
        model.addAttribute("secret", secret);
        return "admin/webhook-secret";
    }

    /** notifier refused: for an id the tenant does not own that is a 404, the same as for an id that does not exist. */
    private static RuntimeException notFound(TenantWebhooks.Refused e) {
        return e.notFound() ? new ConsoleAdvice.NotFound() : new IllegalStateException(e.getMessage());
    }
}
