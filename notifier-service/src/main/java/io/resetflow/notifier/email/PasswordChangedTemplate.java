package io.resetflow.notifier.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/** The "your password was changed" notice (English or German), the time in UTC. Holds no link. */
final class PasswordChangedTemplate {

    static final String SUBJECT = "Your password was changed";
    static final String SUBJECT_DE = "Ihr Passwort wurde geändert";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN_DE =
            DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy 'um' HH:mm 'UTC'", Locale.GERMAN).withZone(ZoneOffset.UTC);

    private PasswordChangedTemplate() {
    }

    static ResetEmail render(Instant changedAt, String locale) {
        boolean german = Languages.isGerman(locale);
        String subject = german ? SUBJECT_DE : SUBJECT;
        String text = german
                ? """
                Hallo,

                das Passwort Ihres Kontos wurde am %s geändert.

                Wenn Sie das waren, ist nichts weiter zu tun. Wenn nicht, setzen Sie Ihr Passwort sofort zurück und wenden Sie sich an den Support.
                """.formatted(WHEN_DE.format(changedAt))
                : """
                Hello,

                The password of your account was changed on %s.

                If this was you, there is nothing else to do. If it was not, reset your password now and contact support.
                """.formatted(WHEN.format(changedAt));
        String html = "<!DOCTYPE html>\n<html lang=\"" + (german ? "de" : "en") + "\">\n<head><meta charset=\"UTF-8\"><title>"
                + HtmlUtils.htmlEscape(subject) + "</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n"
                + text.lines().filter(l -> !l.isBlank()).map(l -> "<p>" + HtmlUtils.htmlEscape(l) + "</p>")
                        .reduce("", (a, b) -> a + b + "\n")
                + "</body>\n</html>\n";
        return new ResetEmail(subject, text, html);
    }
}
