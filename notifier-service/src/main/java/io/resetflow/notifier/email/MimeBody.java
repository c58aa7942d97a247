package io.resetflow.notifier.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

/**
 * The reset email's body as it goes on the wire: multipart/alternative with a text/plain and a text/html part,
 * UTF-8, each part's transfer encoding chosen and applied here (7bit when the text is ASCII with lines of at most
 * 998 octets, else quoted-printable), the parts and their boundaries written out once. Jakarta Mail would otherwise
 * render every part twice through its DataHandler and mailcap machinery, once to choose the encoding and once to
 * send it (a quarter of notifier-service's CPU in the bench), and parse the content types back when the message is
 * saved. {@link PreparedMessage} sends these bytes as they are.
 *
 * @param contentType the message's Content-Type header, with the boundary
 * @param bytes the body, CRLF line breaks, every line at most 998 octets
 */
record MimeBody(String contentType, byte[] bytes) {

    /** SMTP's limit on a line, without its CRLF (RFC 5321 4.5.3.1.6). */
    private static final int MAX_LINE = 998;

    private static final byte[] CRLF = {'\r', '\n'};

    /** One body part's content, encoded. */
    record Encoded(String transferEncoding, byte[] bytes) {
    }

    static MimeBody alternative(String text, String html) throws MessagingException {
        Encoded plain = encode(text);
        Encoded rich = encode(html);
        String boundary = boundary(text, html);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.bytes.length + rich.bytes.length + 400);
        part(out, boundary, "text/plain; charset=UTF-8", plain);
        part(out, boundary, "text/html; charset=UTF-8", rich);
        ascii(out, "--" + boundary + "--");
        out.writeBytes(CRLF);
        return new MimeBody("multipart/alternative; boundary=\"" + boundary + "\"", out.toByteArray());
    }

    /**
     * A boundary that no line of either part can contain: "=_" never occurs in quoted-printable text (an "=" there
     * is followed by two hex digits or a line break), and a 7bit part is the text itself, checked here.
     */
    private static String boundary(String text, String html) {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String boundary = "=_rf_" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            if (!text.contains(boundary) && !html.contains(boundary)) {
                return boundary;
            }
        }
    }

    /** As {@code MimeMultipart.writeTo} lays a part out: boundary line, headers, blank line, content, CRLF. */
    private static void part(ByteArrayOutputStream out, String boundary, String contentType, Encoded content) {
        ascii(out, "--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: "
                + content.transferEncoding + "\r\n\r\n");
        out.writeBytes(content.bytes);
        out.writeBytes(CRLF);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A text part's content in UTF-8 with CRLF line breaks, as it is (7bit) or quoted-printable. */
    static Encoded encode(String content) throws MessagingException {
        String text = crlf(content);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return sevenBit(text, utf8) ? new Encoded("7bit", utf8) : new Encoded("quoted-printable", quotedPrintable(utf8));
    }

    /**
     * Every line break (LF, CR or CRLF) as CRLF, as MIME text and the 7bit check expect. String searches and
     * replacements rather than a loop over the bytes: on the services' client compiler these are several times
     * faster (the loop was 3 % of notifier-service's CPU).
     */
    static String crlf(String text) {
        if (text.indexOf('\r') < 0) {
            return text.indexOf('\n') < 0 ? text : text.replace("\n", "\r\n");
        }
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /**
     * ASCII without NUL and with lines of at most 998 octets; {@code text} has CRLF line breaks only and encodes
     * to {@code utf8}. As many bytes as chars means no char took more than one byte, so every byte is ASCII.
     */
    static boolean sevenBit(String text, byte[] utf8) {
        if (utf8.length != text.length() || text.indexOf('\0') >= 0) {
            return false;
        }
        int start = 0;
        while (true) {
            int lf = text.indexOf('\n', start);
            int length = lf < 0 ? text.length() - start : lf - 1 - start; // without the CRLF
            if (length > MAX_LINE) {
                return false;
            }
            if (lf < 0) {
                return true;
            }
            start = lf + 1;
        }
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
