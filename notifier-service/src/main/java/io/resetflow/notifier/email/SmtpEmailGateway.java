package io.resetflow.notifier.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.EmailGateway;
import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.notifier.delivery.Secret;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Sends the reset email as multipart text + HTML over SMTP and answers the Message-ID, or a classified failure. */
@Component
class SmtpEmailGateway implements EmailGateway {

    private final JavaMailSender mail;
    private final SenderProperties sender;

    SmtpEmailGateway(JavaMailSender mail, SenderProperties sender) {
        this.mail = mail;
        this.sender = sender;
    }

    @Override
    public SendResult sendResetLink(Secret address, Secret link, Instant expiresAt) {
        ResetEmail email = ResetEmailTemplate.render(link.value(), expiresAt);
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(sender.from());
            helper.setTo(address.value());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            mail.send(message);
            return new SendResult.Sent(message.getMessageID());
        } catch (MessagingException | MailException e) {
            return SmtpFailures.classify(e);
        }
    }
}
