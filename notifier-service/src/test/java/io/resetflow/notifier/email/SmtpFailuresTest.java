package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import io.resetflow.notifier.delivery.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Failures built as Angus Mail and Spring raise them when an SMTP server answers or does not. */
class SmtpFailuresTest {

    private static final String ADDRESS = "bob.smith@example.com";

    @Test
    void a_5xx_reply_to_the_recipient_is_permanent_and_keeps_the_reply_without_the_address() throws Exception {
        SendResult.Failed failed = SmtpFailures.classify(rejected(550, "550 5.1.1 <" + ADDRESS + ">: user unknown"));

        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).startsWith("SMTP 550 5.1.1").contains("user unknown")
                .contains("b***@example.com").doesNotContain(ADDRESS);
    }

    @Test
    void a_4xx_reply_to_the_recipient_is_temporary() throws Exception {
        SendResult.Failed failed = SmtpFailures.classify(rejected(452, "452 4.2.2 mailbox full"));

        assertThat(failed.permanent()).isFalse();
        assertThat(failed.reason()).isEqualTo("SMTP 452 4.2.2 mailbox full");
    }

    @Test
    void a_refused_connection_is_temporary() {
        MessagingException cannotConnect = new MessagingException("Couldn't connect to host, port: 127.0.0.1, 25",
                new ConnectException("Connection refused"));
        MailSendException failure = new MailSendException("Mail server connection failed", cannotConnect);

        SendResult.Failed failed = SmtpFailures.classify(failure);

        assertThat(failed.permanent()).isFalse();
        assertThat(failed.reason()).contains("ConnectException").contains("Connection refused");
    }

    @Test
    void a_5xx_reply_to_the_message_is_permanent() throws Exception {
        SMTPSendFailedException refused = new SMTPSendFailedException("DATA", 554, "554 5.7.1 message refused",
                null, null, null, null);

        SendResult.Failed failed = SmtpFailures.classify(new MailSendException(Map.of(message(), refused)));

        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).isEqualTo("SMTP 554 5.7.1 message refused");
    }

    @Test
    void an_unusable_address_is_permanent_and_not_repeated() {
        AddressException bad = new AddressException("Missing final '@domain'", "bob.smith@");

        SendResult.Failed failed = SmtpFailures.classify(bad);

        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).startsWith("invalid address");
    }

    @Test
    void masks_every_address_in_a_message() {
        assertThat(SmtpFailures.sanitize("550 <" + ADDRESS + "> and alice@example.org rejected"))
                .isEqualTo("550 <b***@example.com> and a***@example.org rejected");
    }

    /** What JavaMailSenderImpl throws when the server answers RCPT TO with {@code code}. */
    private static MailSendException rejected(int code, String reply) throws Exception {
        InternetAddress recipient = new InternetAddress(ADDRESS);
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(recipient, "RCPT TO:<" + ADDRESS + ">", code,
                reply);
        SendFailedException invalid = new SendFailedException("Invalid Addresses", rcpt);
        return new MailSendException(Map.of(message(), invalid));
    }

    private static Object message() {
        return new MimeMessage(Session.getInstance(new java.util.Properties()));
    }
}
