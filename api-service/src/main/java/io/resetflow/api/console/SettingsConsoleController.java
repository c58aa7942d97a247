package io.resetflow.api.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;

import io.resetflow.api.tenant.SettingsPatch;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.TenantSettings;
import io.resetflow.api.tenant.Tenants;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The organisation settings page (seed 000's "Set Password Webhook" and the reset policy), saved through
 * {@link TenantSettings#change}, which validates every value and publishes TenantSettingsChanged.
 */
@Controller
class SettingsConsoleController {

    /** Form field, its label, and the name {@link TenantSettings} uses in its messages. */
    private static final String[][] FIELDS = {
            {"setPasswordWebhookUrl", "Set Password Webhook URL", "SetPasswordWebhookUrl"},
            {"linkBaseUrl", "Link base URL", "LinkBaseUrl"},
            {"senderName", "Sender name", "SenderName"},
            {"senderAddress", "Sender address", "SenderAddress"},
            {"tokenTtl", "Link lifetime", "TokenTtl"},
            {"reuseWindow", "Reuse window", "ReuseWindow"},
            {"deliveriesPerUserPerHour", "Deliveries per user per hour", "DeliveriesPerUserPerHour"},
    };

    private static final Logger log = LoggerFactory.getLogger(SettingsConsoleController.class);

    private final Tenants tenants;
    private final TenantSettings settings;
    private final WebhookViews webhooks;

    SettingsConsoleController(Tenants tenants, TenantSettings settings, WebhookViews webhooks) {
        this.tenants = tenants;
        this.settings = settings;
        this.webhooks = webhooks;
    }

    @GetMapping("/admin/settings")
    String show(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin,
            @RequestParam(name = "saved", required = false) String saved, Model model) {
        Tenant t = tenants.find(admin.tenantId()).orElseThrow();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("setPasswordWebhookUrl", t.setPasswordWebhookUrl() == null ? "" : t.setPasswordWebhookUrl());
        form.put("linkBaseUrl", t.linkBaseUrl());
        form.put("senderName", t.senderName() == null ? "" : t.senderName());
        form.put("senderAddress", t.senderAddress() == null ? "" : t.senderAddress());
        form.put("tokenTtl", ConsoleFormat.duration(t.tokenTtl()));
        form.put("reuseWindow", ConsoleFormat.duration(t.reuseWindow()));
        form.put("deliveriesPerUserPerHour", Integer.toString(t.deliveriesPerUserPerHour()));
        model.addAttribute("tenant", t);
        model.addAttribute("form", form);
        model.addAttribute("reveal", t.revealUnknownAccounts());
        model.addAttribute("errors", Map.of());
        model.addAttribute("saved", saved != null);
        addWebhooks(admin, model);
        return "admin/settings";
    }

    @PostMapping("/admin/settings")
    String save(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @RequestParam Map<String, String> form,
            Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Duration tokenTtl = duration(form, "tokenTtl", errors);
        Duration reuseWindow = duration(form, "reuseWindow", errors);
        Integer perHour = null;
        try {
            perHour = Integer.valueOf(form.getOrDefault("deliveriesPerUserPerHour", "").strip());
        } catch (NumberFormatException e) {
            errors.put("deliveriesPerUserPerHour", "Enter a whole number, such as 5.");
        }
        String linkBaseUrl = form.getOrDefault("linkBaseUrl", "").strip();
        if (linkBaseUrl.isEmpty()) {
            errors.put("linkBaseUrl", "Enter the address reset links start with, such as https://portal.example.com.");
        }
        boolean reveal = form.containsKey("revealUnknownAccounts");
        if (errors.isEmpty()) {
            SettingsPatch patch = new SettingsPatch(linkBaseUrl, tokenTtl, reuseWindow, perHour, reveal, null, null,
                    form.getOrDefault("setPasswordWebhookUrl", "").strip(), form.getOrDefault("senderName", "").strip(),
                    form.getOrDefault("senderAddress", "").strip(), null, null);
            try {
                settings.change(admin.tenantId(), patch, "admin:" + admin.id());
                log.info("console: admin {} changed the settings of tenant {}", admin.id(), admin.tenantId());
                return "redirect:/admin/settings?saved";
            } catch (TenantSettings.InvalidSettingException e) {
                placeError(e.getMessage(), errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("tenant", tenants.find(admin.tenantId()).orElseThrow());
        model.addAttribute("form", form);
        model.addAttribute("reveal", reveal);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", false);
        addWebhooks(admin, model);
        return "admin/settings";
    }

    /** The partner webhook section; the page still renders (with a message) when notifier-service is down. */
    private void addWebhooks(AdminPrincipal admin, Model model) {
        model.addAttribute("webhooks", webhooks.panel(admin));
        model.addAttribute("eventTypes", WebhookViews.EVENT_TYPES);
        model.addAttribute("webhooksUnavailable", WebhookViews.UNAVAILABLE);
        if (!model.containsAttribute("webhookTypes")) {
            model.addAttribute("webhookTypes", java.util.List.of("ResetRequested", "DeliveryOutcome"));
        }
    }

    private static Duration duration(Map<String, String> form, String field, Map<String, String> errors) {
        return ConsoleFormat.parseDuration(form.get(field)).orElseGet(() -> {
            errors.put(field, "Enter a duration such as 16h, 7d or 30m.");
            return null;
        });
    }

    /** {@link TenantSettings} names the setting first; show the message next to that field, with its label. */
    private static void placeError(String message, Map<String, String> errors) {
        for (String[] field : FIELDS) {
            if (message.startsWith(field[2] + " ")) {
                errors.put(field[0], field[1] + message.substring(field[2].length()).replace("TokenTtl", "the link lifetime"));
                return;
            }
        }
        errors.put("general", message);
    }
}
