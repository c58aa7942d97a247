package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeBodyTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Instant SENT_AT = Instant.parse("2026-11-23T22:35:06Z");

    @ParameterizedTest
    @ValueSource(strings = {
            "Open http://127.0.0.1:8080/reset/abc_DEF-123 to set a new password.\n\nThanks",
            "Réinitialisez votre mot de passe : https://exemple.fr/r/é?x=1&y=2\r\nÀ bientôt 🔑",
            "a line that = needs escaping=3D and trailing spaces   \n.a dot line\nFrom the start",
            "no line break at all"})
    void each_part_reads_back_as_the_text_it_was_given(String text) throws Exception {
        String html = "<p>" + text.replace("\n", "<br>\n") + "</p>";
        MimeMessage sent = message(text, html);

        MimeMessage received = roundTrip(sent);

        Multipart alternative = (Multipart) received.getContent();
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(crlf(text));
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(crlf(html));
    }

    @Test
    void ascii_with_short_lines_is_sent_as_it_is_anything_else_quoted_printable() throws Exception {
        assertThat(MimeBody.encode("plain ascii\nlines").transferEncoding()).isEqualTo("7bit");
        assertThat(MimeBody.encode("café").transferEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.encode("x".repeat(999)).transferEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.encode("x".repeat(998) + "\n" + "y".repeat(998)).transferEncoding()).isEqualTo("7bit");
        assertThat(MimeBody.encode("nul\0byte").transferEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.encode("short\n" + "x".repeat(999)).transferEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.encode("x".repeat(998) + "\r\n").transferEncoding()).isEqualTo("7bit");

        String wire = new String(bytes(message("x".repeat(2000), "<p>é</p>")), StandardCharsets.US_ASCII);
        assertThat(wire.lines()).allMatch(line -> line.length() <= 998);
        assertThat(wire).contains("=C3=A9");
    }

    @Test
    void a_prepared_message_has_the_headers_saveChanges_would_give_it() throws Exception {
        PreparedMessage sent = message("hello", "<p>hello</p>");

        MimeMessage received = roundTrip(sent);

        assertThat(received.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(received.getSentDate()).isEqualTo(Date.from(SENT_AT));
        assertThat(received.getMessageID()).isEqualTo(sent.getMessageID()).matches("<[0-9a-f]+\\.\\d+@resetflow\\.local>");
        assertThat(received.getSubject()).isEqualTo("Réinitialisation");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("no-reply@resetflow.local");

        sent.saveChanges(); // must keep what was prepared
        assertThat(sent.getMessageID()).isEqualTo(received.getMessageID());
        assertThat(sent.getSentDate()).isEqualTo(Date.from(SENT_AT));
    }

    @Test
    void the_boundary_is_never_a_line_of_a_part() throws Exception {
        for (int i = 0; i < 50; i++) {
            MimeBody body = MimeBody.alternative("--=_rf_ text", "<p>--=_rf_</p>");
            String boundary = body.contentType().replaceAll(".*boundary=\"([^\"]+)\".*", "$1");
            String wire = new String(body.bytes(), StandardCharsets.US_ASCII);
            assertThat(wire.split("--" + Pattern.quote(boundary), -1)).hasSize(4); // 2 parts, end
        }
    }

    @Test
    void line_breaks_become_crlf() {
        assertThat(MimeBody.crlf("a\nb\r\nc\rd\n\n\r")).isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\n\r\n");
        assertThat(MimeBody.crlf("\nx\r")).isEqualTo("\r\nx\r\n");
        assertThat(MimeBody.crlf("a\nb\n")).isEqualTo("a\r\nb\r\n");
        assertThat(MimeBody.crlf("none\r\nhere")).isEqualTo("none\r\nhere");
        String unchanged = "no break";
        assertThat(MimeBody.crlf(unchanged)).isSameAs(unchanged);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    private static PreparedMessage message(String text, String html) throws Exception {
        PreparedMessage message = new PreparedMessage(SESSION, MimeBody.alternative(text, html));
        message.setFrom(new InternetAddress("no-reply@resetflow.local"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("alice@example.com"));
        message.setSubject("Réinitialisation", "UTF-8");
        message.stamp(SENT_AT, "resetflow.local");
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes(message)));
    }
}
