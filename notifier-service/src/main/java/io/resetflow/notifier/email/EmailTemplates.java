package io.resetflow.notifier.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Chooses and renders the email of a kind: the tenant's own template in the user's language, else in the tenant's
 * default language, else the built-in one (English or German: the user's language if built in, else the tenant's
 * default, else English). Also the tenant's template administration.
 * <p>Every email needs its tenant's templates and default language, so they are read together and kept for
 * {@link #CACHE_TTL}: a change through this instance evicts them at once, another instance sends with the new
 * template within that time.
 */
@Service
class EmailTemplates {

    private static final Logger log = LoggerFactory.getLogger(EmailTemplates.class);

    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** A tenant's templates and default language as read at one time. */
    private record Snapshot(List<CustomTemplate> templates, Optional<String> defaultLanguage, long expiresAtNanos) {

        static final Snapshot NONE = new Snapshot(List.of(), Optional.empty(), 0);

        Optional<CustomTemplate> first(TemplateKind kind, List<String> languages) {
            for (String language : languages) {
                for (CustomTemplate t : templates) {
                    if (t.kind() == kind && t.language().equals(language)) {
                        return Optional.of(t);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private final TemplateStore store;
    private final Clock clock;
    private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();

    EmailTemplates(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ResetEmail resetLink(String tenantId, String link, Instant expiresAt, String locale) {
        Snapshot tenant = snapshot(tenantId);
        Optional<String> fallback = tenant.defaultLanguage();
        return custom(tenantId, tenant, TemplateKind.RESET_LINK, locale, fallback,
                language -> Map.of("link", link, "expiresAt", CustomTemplate.when(expiresAt, language)))
                .orElseGet(() -> ResetEmailTemplate.render(link, expiresAt, builtInLocale(locale, fallback)));
    }

    ResetEmail passwordChanged(String tenantId, Instant changedAt, String locale) {
        Snapshot tenant = snapshot(tenantId);
        Optional<String> fallback = tenant.defaultLanguage();
        return custom(tenantId, tenant, TemplateKind.PASSWORD_CHANGED, locale, fallback,
                language -> Map.of("changedAt", CustomTemplate.when(changedAt, language)))
                .orElseGet(() -> PasswordChangedTemplate.render(changedAt, builtInLocale(locale, fallback)));
    }

    private interface Values {
        Map<String, String> in(String language);
    }

    private Optional<ResetEmail> custom(String tenantId, Snapshot tenant, TemplateKind kind, String locale,
            Optional<String> fallback, Values values) {
        List<String> languages = new ArrayList<>();
        languageOf(locale).ifPresent(languages::add);
        fallback.filter(l -> !languages.contains(l)).ifPresent(languages::add);
        if (languages.isEmpty()) {
            return Optional.empty();
        }
        try {
            return tenant.first(kind, languages).map(t -> t.render(values.in(t.language())));
        } catch (RuntimeException e) {
            // validated at upload, so not expected; the built-in email still goes out
            log.warn("tenant {}: its {} template did not render ({}); the built-in one is used", tenantId, kind.path,
                    e.toString());
            return Optional.empty();
        }
    }

    private Snapshot snapshot(String tenantId) {
        Snapshot cached = cache.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached;
        }
        try {
            Snapshot read = new Snapshot(store.list(tenantId), store.defaultLanguage(tenantId), now + CACHE_TTL.toNanos());
            cache.put(tenantId, read);
            return read;
        } catch (RuntimeException e) {
            // the built-in email still goes out; the next email asks the database again
            log.warn("tenant {}: templates unavailable ({}); the built-in one is used", tenantId, e.toString());
            return Snapshot.NONE;
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
        cache.remove(tenantId);
        log.info("tenant {} saved its {} template", tenantId, template);
        return template;
    }

    List<CustomTemplate> list(String tenantId) {
        return store.list(tenantId);
    }

    /** @throws IllegalArgumentException for an unknown kind or language */
    boolean delete(String tenantId, String kind, String language) {
        boolean deleted = store.delete(tenantId, kind(kind), CustomTemplate.language(language));
        cache.remove(tenantId);
        return deleted;
    }

    Optional<String> defaultLanguageOf(String tenantId) {
        return store.defaultLanguage(tenantId);
    }

    /** {@code language} null clears it; @throws IllegalArgumentException for an invalid code */
    Optional<String> setDefaultLanguage(String tenantId, String language) {
        String normalized = language == null ? null : CustomTemplate.language(language);
        store.setDefaultLanguage(tenantId, normalized, now());
        cache.remove(tenantId);
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
