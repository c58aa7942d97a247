package io.resetflow.notifier.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * The reset email's body: multipart/alternative with a text/plain and a text/html part, UTF-8, each part's transfer
 * encoding chosen and applied here (7bit when the text is ASCII with lines of at most 998 octets, else
 * quoted-printable). Jakarta Mail would otherwise render every part twice through its DataHandler and mailcap
 * machinery, once to choose the encoding and once to send it, under a mixed and a related multipart that an email
 * without attachments does not need: that was a quarter of notifier-service's CPU in the bench.
 */
final class MimeBody {

    /** SMTP's limit on a line, without its CRLF (RFC 5321 4.5.3.1.6). */
    private static final int MAX_LINE = 998;

    private MimeBody() {
    }

    static MimeMultipart alternative(String text, String html) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part("plain", text));
        alternative.addBodyPart(part("html", html));
        return alternative;
    }

    /** A text part whose content is stored already encoded, so Jakarta Mail writes it as it is. */
    static MimeBodyPart part(String subtype, String content) throws MessagingException {
        byte[] utf8 = crlf(content.getBytes(StandardCharsets.UTF_8));
        boolean sevenBit = sevenBit(utf8);
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", sevenBit ? "7bit" : "quoted-printable");
        return new MimeBodyPart(headers, sevenBit ? utf8 : quotedPrintable(utf8));
    }

    /** Every line break (LF, CR or CRLF) as CRLF, as MIME text and the 7bit check expect; one pass when none is bare. */
    static byte[] crlf(byte[] text) {
        int bare = 0;
        for (int i = 0; i < text.length; i++) {
            if (bareBreak(text, i)) {
                bare++;
            }
        }
        if (bare == 0) {
            return text;
        }
        byte[] out = new byte[text.length + bare];
        int j = 0;
        for (int i = 0; i < text.length; i++) {
            if (bareBreak(text, i)) {
                out[j++] = '\r';
                out[j++] = '\n';
            } else {
                out[j++] = text[i];
            }
        }
        return out;
    }

    /** An LF without a CR before it, or a CR without an LF after it. */
    private static boolean bareBreak(byte[] text, int i) {
        byte b = text[i];
        return b == '\n' ? i == 0 || text[i - 1] != '\r' : b == '\r' && (i + 1 == text.length || text[i + 1] != '\n');
    }

    /** ASCII without NUL and with short lines; {@code utf8} has CRLF line breaks only. */
    static boolean sevenBit(byte[] utf8) {
        int line = 0;
        for (byte b : utf8) {
            if (b <= 0) {
                return false; // NUL, or a byte of a multi-byte UTF-8 sequence
            }
            if (b == '\n') {
                line = 0;
            } else if (b != '\r' && ++line > MAX_LINE) {
                return false;
            }
        }
        return true;
    }

    private static byte[] quotedPrintable(byte[] utf8) throws MessagingException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(utf8.length + utf8.length / 4 + 16);
        try (OutputStream qp = MimeUtility.encode(encoded, "quoted-printable")) {
            qp.write(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return encoded.toByteArray();
    }
}
