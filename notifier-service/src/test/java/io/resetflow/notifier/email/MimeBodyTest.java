package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeBodyTest {

    private static final Session SESSION = Session.getInstance(new Properties());

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
        assertThat(MimeBody.part("plain", "plain ascii\nlines").getEncoding()).isEqualTo("7bit");
        assertThat(MimeBody.part("plain", "café").getEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.part("plain", "x".repeat(999)).getEncoding()).isEqualTo("quoted-printable");
        assertThat(MimeBody.part("plain", "x".repeat(998) + "\n" + "y".repeat(998)).getEncoding()).isEqualTo("7bit");
        assertThat(MimeBody.part("plain", "nul\0byte").getEncoding()).isEqualTo("quoted-printable");

        String wire = new String(bytes(message("x".repeat(2000), "<p>é</p>")), StandardCharsets.US_ASCII);
        assertThat(wire.lines()).allMatch(line -> line.length() <= 998);
        assertThat(wire).contains("=C3=A9");
    }

    @Test
    void line_breaks_become_crlf() {
        assertThat(MimeBody.crlf(bytes("a\nb\r\nc\rd\n\n\r"))).isEqualTo(bytes("a\r\nb\r\nc\r\nd\r\n\r\n\r\n"));
        assertThat(MimeBody.crlf(bytes("\nx\r"))).isEqualTo(bytes("\r\nx\r\n"));
        byte[] unchanged = bytes("none\r\nhere");
        assertThat(MimeBody.crlf(unchanged)).isSameAs(unchanged);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MimeMessage message(String text, String html) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("no-reply@resetflow.local"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("alice@example.com"));
        message.setSubject("Reset", "UTF-8");
        message.setContent(MimeBody.alternative(text, html));
        message.saveChanges();
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
