package io.resetflow.notifier.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A tenant's own wording of one email kind in one language. The constructor validates (sizes, language code,
 * placeholders, the link in both parts of a reset email) and test-renders it, so a template that is stored always
 * renders: a bad template is refused at upload, never a failed delivery later. Values put into the HTML part are
 * HTML-escaped; the subject is one line.
 */
record CustomTemplate(TemplateKind kind, String language, String subject, String text, String html, Instant updatedAt) {

    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 20_000;
    static final int MAX_HTML = 100_000;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN_DE =
            DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy 'um' HH:mm 'UTC'", Locale.GERMAN).withZone(ZoneOffset.UTC);

    /** @throws IllegalArgumentException with a message fit for the tenant */
    CustomTemplate {
        language = language(language);
        require(subject, "subject", MAX_SUBJECT);
        require(text, "text", MAX_TEXT);
        require(html, "html", MAX_HTML);
        if (subject.contains("\r") || subject.contains("\n")) {
            throw new IllegalArgumentException("subject must be one line");
        }
        Set<String> subjectPlaceholders = new HashSet<>(kind.placeholders);
        subjectPlaceholders.remove("link"); // never the link in a subject line (inbox previews, logs)
        TemplateText parsedText = TemplateText.parse("text", text, kind.placeholders);
        TemplateText parsedHtml = TemplateText.parse("html", html, kind.placeholders);
        TemplateText.parse("subject", subject, subjectPlaceholders);
        for (String name : kind.required) {
            if (!parsedText.uses(name) || !parsedHtml.uses(name)) {
                throw new IllegalArgumentException("a " + kind.path + " template must contain {{" + name
                        + "}} in both text and html");
            }
        }
        Map<String, String> sample = Map.of("link", "https://portal.example/reset/sample",
                "expiresAt", when(Instant.EPOCH, language), "changedAt", when(Instant.EPOCH, language));
        try {
            render(kind, subject, text, html, sample);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the template does not render: " + e.getMessage(), e);
        }
    }

    /** A language code as stored: ISO 639 (2 or 3 letters), lower case. */
    static String language(String code) {
        String normalized = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(normalized).matches()) {
            throw new IllegalArgumentException("language must be an ISO 639 code such as en or de, not \""
                    + (code == null ? "" : code.substring(0, Math.min(code.length(), 20))) + "\"");
        }
        return normalized;
    }

    private static void require(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }

    /** A date as the template's language writes it (German for de, English otherwise), in UTC. */
    static String when(Instant instant, String language) {
        return ("de".equals(language) ? WHEN_DE : WHEN).format(instant);
    }

    ResetEmail render(Map<String, String> values) {
        return render(kind, subject, text, html, values);
    }

    private static ResetEmail render(TemplateKind kind, String subject, String text, String html,
            Map<String, String> values) {
        Set<String> subjectPlaceholders = new HashSet<>(kind.placeholders);
        subjectPlaceholders.remove("link");
        String renderedSubject = TemplateText.parse("subject", subject, subjectPlaceholders)
                .render(values, v -> v.replaceAll("[\\r\\n]+", " ")).strip();
        return new ResetEmail(renderedSubject,
                TemplateText.parse("text", text, kind.placeholders).render(values, UnaryOperator.identity()),
                TemplateText.parse("html", html, kind.placeholders).render(values, HtmlUtils::htmlEscape));
    }

    @Override
    public String toString() {
        return "CustomTemplate[" + kind.path + "/" + language + "]";
    }
}
