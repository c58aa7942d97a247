package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MailServerIntegrationTest {

    @Test
    void capturesSmtpMailServesItOverPop3AndImapAndListsItInTheDevInbox() throws Exception {
        try (MailServer mail = MailServer.start(0, 0, 0);
                DevInbox inbox = DevInbox.start(0, mail::messages)) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress("no-reply@resetflow.local"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
            message.setSubject("Reset your password");
            message.setText("Open http://127.0.0.1:8080/reset/abc_DEF-123 to set a new password.\n\"quoted\"");
            Transport.send(message);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 1);
            CapturedMessage captured = mail.messages().get(0);
            assertThat(captured.channel()).isEqualTo("email");
            assertThat(captured.to()).isEqualTo("alice@example.com");
            assertThat(captured.subject()).isEqualTo("Reset your password");
            assertThat(captured.body()).contains("http://127.0.0.1:8080/reset/abc_DEF-123");
            assertThat(captured.receivedAt()).isNotNull();

            Properties imapProps = new Properties();
            try (Store imap = Session.getInstance(imapProps).getStore("imap")) {
                imap.connect("127.0.0.1", mail.imapPort(), "alice@example.com", "any-password");
                Folder folder = imap.getFolder("INBOX");
                folder.open(Folder.READ_ONLY);
                assertThat(folder.getMessageCount()).isEqualTo(1);
                assertThat(folder.getMessage(1).getSubject()).isEqualTo("Reset your password");
                folder.close(false);
            }

            try (Store pop3 = Session.getInstance(new Properties()).getStore("pop3")) {
                pop3.connect("127.0.0.1", mail.pop3Port(), "alice@example.com", "whatever");
                Folder folder = pop3.getFolder("INBOX");
                folder.open(Folder.READ_WRITE);
                Message[] messages = folder.getMessages();
                assertThat(messages).hasSize(1);
                assertThat(MailServer.textPart(messages[0])).contains("/reset/abc_DEF-123");
                messages[0].setFlag(jakarta.mail.Flags.Flag.DELETED, true);
                folder.close(true);
            }
            // still listed after a POP3 client deleted it
            assertThat(mail.messages()).hasSize(1);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + inbox.port() + "/api/messages")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json.body()).startsWith("[{\"channel\":\"email\",\"to\":\"alice@example.com\"")
                    .contains("\"subject\":\"Reset your password\"")
                    .contains("http://127.0.0.1:8080/reset/abc_DEF-123")
                    .contains("\\\"quoted\\\"")
                    .contains("\"receivedAt\":\"");

            HttpResponse<String> html = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + inbox.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).contains("<a href=\"http://127.0.0.1:8080/reset/abc_DEF-123\">")
                    .contains("http-equiv=\"refresh\"");
        }
    }

    @Test
    void capturesEveryDeliveryInOrderAndFilesRepeatedRecipientsInTheirOneInbox() throws Exception {
        try (MailServer mail = MailServer.start(0, 0, 0)) {
            send(mail, "bob@example.com", "mail 1");
            send(mail, "BOB@example.com", "mail 2"); // the same mailbox in other case
            send(mail, "bob@example.com, carol@example.com", "mail 3");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mail.envelopes().size() == 4);
            List<String> recipients = mail.envelopes().stream().map(MailServer.Envelope::recipient).toList();
            assertThat(recipients.subList(0, 2)).containsExactly("bob@example.com", "BOB@example.com");
            assertThat(recipients.subList(2, 4)).containsExactlyInAnyOrder("bob@example.com", "carol@example.com");
            assertThat(mail.envelopes()).extracting(MailServer.Envelope::receivedAt).isSorted();
            assertThat(mail.messages()).extracting(CapturedMessage::subject)
                    .containsExactly("mail 1", "mail 2", "mail 3", "mail 3");
            assertThat(imapSubjects(mail, "bob@example.com")).containsExactly("mail 1", "mail 2", "mail 3");
            assertThat(imapSubjects(mail, "carol@example.com")).containsExactly("mail 3");
        }
    }

    @Test
    void capturesWithoutFilingWhenMailboxesAreOff() throws Exception {
        try (MailServer mail = MailServer.start(0, 0, 0)) {
            mail.fileInMailboxes(false);
            send(mail, "dave@example.com", "captured only");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mail.envelopes().size() == 1);
            assertThat(mail.envelopes().get(0).recipient()).isEqualTo("dave@example.com");
            assertThat(mail.messages()).extracting(CapturedMessage::subject).containsExactly("captured only");
            assertThat(imapSubjects(mail, "dave@example.com")).isEmpty();
        }
    }

    private static void send(MailServer mail, String to, String subject) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("no-reply@resetflow.local"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("body of " + subject);
        Transport.send(message);
    }

    private static List<String> imapSubjects(MailServer mail, String user) throws Exception {
        try (Store imap = Session.getInstance(new Properties()).getStore("imap")) {
            imap.connect("127.0.0.1", mail.imapPort(), user, "any-password");
            Folder folder = imap.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<String> subjects = new java.util.ArrayList<>();
            for (Message message : folder.getMessages()) {
                subjects.add(message.getSubject());
            }
            folder.close(false);
            return subjects;
        }
    }
}
