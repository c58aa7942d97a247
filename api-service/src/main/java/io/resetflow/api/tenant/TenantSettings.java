package io.resetflow.api.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a tenant's settings after checking each value, and publishes the result so that
 * token-service and notifier-service follow (TenantSettingsChanged on the compacted topic).
 */
@Service
public class TenantSettings {

    /** A value outside what the platform accepts; the message says what is allowed. */
    public static final class InvalidSettingException extends RuntimeException {
        InvalidSettingException(String message) {
            super(message);
        }
    }

    private final Tenants tenants;
    private final TenantSettingsPublisher publisher;
    private final ApplicationEventPublisher events;

    TenantSettings(Tenants tenants, TenantSettingsPublisher publisher, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.events = events;
    }

    @Transactional
    public Tenant change(String tenantId, SettingsPatch p, String changedBy) {
        Tenant t = tenants.read(tenantId).orElseThrow();
        Tenant changed = new Tenant(t.id(), t.name(),
                p.linkBaseUrl() == null ? t.linkBaseUrl() : url("LinkBaseUrl", p.linkBaseUrl(), false),
                p.tokenTtl() == null ? t.tokenTtl() : between("TokenTtl", p.tokenTtl(), Duration.ofMinutes(15), Duration.ofDays(30)),
                p.reuseWindow() == null ? t.reuseWindow() : between("ReuseWindow", p.reuseWindow(), Duration.ZERO, Duration.ofDays(30)),
                p.deliveriesPerUserPerHour() == null ? t.deliveriesPerUserPerHour() : between("DeliveriesPerUserPerHour", p.deliveriesPerUserPerHour(), 1, 100),
                p.revealUnknownAccounts() == null ? t.revealUnknownAccounts() : p.revealUnknownAccounts(),
                p.rateLimitRequests() == null ? t.rateLimitRequests() : between("RateLimitRequests", p.rateLimitRequests(), 1, 100_000),
                p.rateLimitWindow() == null ? t.rateLimitWindow() : between("RateLimitWindow", p.rateLimitWindow(), Duration.ofSeconds(1), Duration.ofHours(1)),
                p.setPasswordWebhookUrl() == null ? t.setPasswordWebhookUrl() : emptyToNull(p.setPasswordWebhookUrl(), v -> url("SetPasswordWebhookUrl", v, true)),
                p.senderName() == null ? t.senderName() : emptyToNull(p.senderName(), v -> text("SenderName", v, 100)),
                p.senderAddress() == null ? t.senderAddress() : emptyToNull(p.senderAddress(), TenantSettings::email),
                p.smsAllowedCountryCodes() == null ? t.smsAllowedCountryCodes() : countryCodes(p.smsAllowedCountryCodes()),
                p.smsDailyCapPerNumber() == null ? t.smsDailyCapPerNumber() : between("SmsDailyCapPerNumber", p.smsDailyCapPerNumber(), 1, 1000));
        if (changed.reuseWindow().compareTo(changed.tokenTtl()) > 0) {
            throw new InvalidSettingException("ReuseWindow (" + changed.reuseWindow() + ") must not be longer than TokenTtl ("
                    + changed.tokenTtl() + ").");
        }
        tenants.save(changed);
        events.publishEvent(new TenantChanged(changed.id()));
        publisher.publish(changed, changedBy);
        return changed;
    }

    private static String url(String name, String value, boolean httpsOnlyOutsideLoopback) {
        try {
            URI uri = URI.create(value.strip());
            boolean http = "http".equals(uri.getScheme());
            if (!(http || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(name + " must be an absolute http(s) URL such as https://portal.example.com.");
            }
            if (httpsOnlyOutsideLoopback && http && !List.of("127.0.0.1", "localhost").contains(uri.getHost())) {
                throw new InvalidSettingException(name + " must use https.");
            }
            String s = uri.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(name + " is not a valid URL.");
        }
    }

    private static <T extends Comparable<T>> T between(String name, T value, T min, T max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidSettingException(name + " must be between " + min + " and " + max + ".");
        }
        return value;
    }

    private static String text(String name, String value, int max) {
        if (value.length() > max || value.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidSettingException(name + " must be at most " + max + " printable characters.");
        }
        return value.strip();
    }

    private static String email(String value) {
        if (!value.strip().matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            throw new InvalidSettingException("SenderAddress must be an email address such as no-reply@portal.example.com.");
        }
        return value.strip();
    }

    private static List<String> countryCodes(List<String> codes) {
        for (String code : codes) {
            if (code == null || !code.matches("[1-9][0-9]{0,2}")) {
                throw new InvalidSettingException("SmsAllowedCountryCodes are calling codes without '+', such as \"1\" or \"44\".");
            }
        }
        return List.copyOf(codes);
    }

    private static String emptyToNull(String value, java.util.function.UnaryOperator<String> check) {
        return value.isBlank() ? null : check.apply(value);
    }
}
