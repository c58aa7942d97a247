package io.resetflow.notifier.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/** Renders the reset email in English or German (by the user's locale, falling back to English); the expiry in UTC. */
final class ResetEmailTemplate {

    static final String SUBJECT = "Reset your password";
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ResetEmailTemplate() {
    }

    static ResetEmail render(String link, Instant expiresAt) {
        return render(link, expiresAt, null);
    }

    /** {@code locale} is a BCP 47 tag (e.g. {@code de-AT}); anything but German falls back to English. */
    static ResetEmail render(String link, Instant expiresAt, String locale) {
        if (Languages.isGerman(locale)) {
            return renderGerman(link, expiresAt);
        }
        String expiry = EXPIRY.format(expiresAt);
        String text = """
                Hello,

                We received a request to reset the password of your account. Open this link to choose a new password:

                %s

                The link works once and expires on %s.

                If you did not ask to reset your password, you can ignore this email: your password stays as it is.
                """.formatted(link, expiry);
        String href = HtmlUtils.htmlEscape(link);
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="UTF-8"><title>%s</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>Hello,</p>
                <p>We received a request to reset the password of your account.</p>
                <p><a href="%s" style="display: inline-block; padding: 10px 16px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px">Choose a new password</a></p>
                <p>Or copy this link into your browser:<br><span style="word-break: break-all">%s</span></p>
                <p>The link works once and expires on %s.</p>
                <p>If you did not ask to reset your password, you can ignore this email: your password stays as it is.</p>
                </body>
                </html>
                """.formatted(SUBJECT, href, href, HtmlUtils.htmlEscape(expiry));
        return new ResetEmail(SUBJECT, text, html);
    }

    static final String SUBJECT_DE = "Passwort zurücksetzen";
    private static final DateTimeFormatter EXPIRY_DE =
            DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy 'um' HH:mm 'UTC'", Locale.GERMAN).withZone(ZoneOffset.UTC);

    private static ResetEmail renderGerman(String link, Instant expiresAt) {
        String expiry = EXPIRY_DE.format(expiresAt);
        String text = """
                Hallo,

                wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen. Öffnen Sie diesen Link, um ein neues Passwort zu wählen:

                %s

                Der Link funktioniert einmal und läuft am %s ab.

                Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.
                """.formatted(link, expiry);
        String href = HtmlUtils.htmlEscape(link);
        String html = """
                <!DOCTYPE html>
                <html lang="de">
                <head><meta charset="UTF-8"><title>%s</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>Hallo,</p>
                <p>wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen.</p>
                <p><a href="%s" style="display: inline-block; padding: 10px 16px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px">Neues Passwort wählen</a></p>
                <p>Oder kopieren Sie diesen Link in Ihren Browser:<br><span style="word-break: break-all">%s</span></p>
                <p>Der Link funktioniert einmal und läuft am %s ab.</p>
                <p>Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.</p>
                </body>
                </html>
                """.formatted(SUBJECT_DE, href, href, HtmlUtils.htmlEscape(expiry));
        return new ResetEmail(SUBJECT_DE, text, html);
    }
}
