package io.resetflow.notifier.email;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Chooses and renders the email of a kind: the tenant's own template in the user's language, else in the tenant's
 * default language, else the built-in one (English or German: the user's language if built in, else the tenant's
 * default, else English). Also the tenant's template administration.
 */
@Service
class EmailTemplates {

    private static final Logger log = LoggerFactory.getLogger(EmailTemplates.class);

    private final TemplateStore store;
    private final Clock clock;

    EmailTemplates(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ResetEmail resetLink(String tenantId, String link, Instant expiresAt, String locale) {
        Optional<String> fallback = defaultLanguage(tenantId);
        return custom(tenantId, TemplateKind.RESET_LINK, locale, fallback,
                language -> Map.of("link", link, "expiresAt", CustomTemplate.when(expiresAt, language)))
                .orElseGet(() -> ResetEmailTemplate.render(link, expiresAt, builtInLocale(locale, fallback)));
    }

    ResetEmail passwordChanged(String tenantId, Instant changedAt, String locale) {
        Optional<String> fallback = defaultLanguage(tenantId);
        return custom(tenantId, TemplateKind.PASSWORD_CHANGED, locale, fallback,
                language -> Map.of("changedAt", CustomTemplate.when(changedAt, language)))
                .orElseGet(() -> PasswordChangedTemplate.render(changedAt, builtInLocale(locale, fallback)));
    }

    private interface Values {
        Map<String, String> in(String language);
    }

    private Optional<ResetEmail> custom(String tenantId, TemplateKind kind, String locale, Optional<String> fallback,
            Values values) {
        List<String> languages = new ArrayList<>();
        languageOf(locale).ifPresent(languages::add);
        fallback.filter(l -> !languages.contains(l)).ifPresent(languages::add);
        if (languages.isEmpty()) {
            return Optional.empty();
        }
        try {
            return store.find(tenantId, kind, languages).map(t -> t.render(values.in(t.language())));
        } catch (RuntimeException e) {
            // validated at upload, so not expected; the built-in email still goes out
            log.warn("tenant {}: its {} template did not render ({}); the built-in one is used", tenantId, kind.path,
                    e.toString());
            return Optional.empty();
        }
    }

    private Optional<String> defaultLanguage(String tenantId) {
        try {
            return store.defaultLanguage(tenantId);
        } catch (RuntimeException e) {
            log.warn("tenant {}: default template language unavailable ({})", tenantId, e.toString());
            return Optional.empty();
        }
    }

    /** The built-in templates know English and German: the user's language if one of them, else the tenant's default. */
    private static String builtInLocale(String locale, Optional<String> fallback) {
        Optional<String> user = languageOf(locale).filter(l -> l.equals("en") || l.equals("de"));
        return user.orElse(fallback.orElse(locale));
    }

    static Optional<String> languageOf(String locale) {
        if (locale == null || locale.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage();
        return language.isEmpty() ? Optional.empty() : Optional.of(language);
    }

    /** @throws IllegalArgumentException for an unknown kind or an invalid template */
    CustomTemplate save(String tenantId, String kind, String language, String subject, String text, String html) {
        CustomTemplate template = new CustomTemplate(kind(kind), language, subject, text, html, now());
        store.save(tenantId, template);
        log.info("tenant {} saved its {} template", tenantId, template);
        return template;
    }

    List<CustomTemplate> list(String tenantId) {
        return store.list(tenantId);
    }

    /** @throws IllegalArgumentException for an unknown kind or language */
    boolean delete(String tenantId, String kind, String language) {
        return store.delete(tenantId, kind(kind), CustomTemplate.language(language));
    }

    Optional<String> defaultLanguageOf(String tenantId) {
        return store.defaultLanguage(tenantId);
    }

    /** {@code language} null clears it; @throws IllegalArgumentException for an invalid code */
    Optional<String> setDefaultLanguage(String tenantId, String language) {
        String normalized = language == null ? null : CustomTemplate.language(language);
        store.setDefaultLanguage(tenantId, normalized, now());
        return Optional.ofNullable(normalized);
    }

    private static TemplateKind kind(String path) {
        return TemplateKind.of(path).orElseThrow(() -> new IllegalArgumentException(
                "unknown template kind " + path + "; known: " + String.join(", ", TemplateKind.paths())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
