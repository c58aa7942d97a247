package io.resetflow.notifier.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/** Renders the reset email in English; the expiry is shown in UTC. */
final class ResetEmailTemplate {

    static final String SUBJECT = "Reset your password";
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ResetEmailTemplate() {
    }

    static ResetEmail render(String link, Instant expiresAt) {
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
}
