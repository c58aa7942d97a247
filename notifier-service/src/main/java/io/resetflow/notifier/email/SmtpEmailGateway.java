package io.resetflow.notifier.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.EmailGateway;
import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.notifier.delivery.Secret;
import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends the reset email (and the password-changed notice), from the tenant's sender, as multipart text + HTML over SMTP
 * (on the sending thread's kept connection, see {@link SmtpConnections}) and answers the Message-ID, or a classified failure.
 */
@Component
class SmtpEmailGateway implements EmailGateway {

    private final SmtpConnections mail;
    private final SenderProperties sender;
    private final Tenants tenants;
    private final EmailTemplates templates;

    SmtpEmailGateway(SmtpConnections mail, SenderProperties sender, Tenants tenants, EmailTemplates templates) {
        this.mail = mail;
        this.sender = sender;
        this.tenants = tenants;
        this.templates = templates;
    }

    @Override
    public SendResult sendResetLink(String tenantId, Secret address, Secret link, Instant expiresAt, String locale) {
        return send(tenantId, address, templates.resetLink(tenantId, link.value(), expiresAt, locale));
    }

    @Override
    public SendResult sendPasswordChanged(String tenantId, Secret address, Instant changedAt, String locale) {
        return send(tenantId, address, templates.passwordChanged(tenantId, changedAt, locale));
    }

    /** The tenant's sender address and name when set, else {@code resetflow.mail.from}. */
    private InternetAddress from(String tenantId) throws AddressException, UnsupportedEncodingException {
        Optional<TenantSettings> settings = tenants.find(tenantId);
        Optional<String> address = settings.flatMap(TenantSettings::sender);
        if (address.isPresent()) {
            InternetAddress from = new InternetAddress(address.get(), true);
            from.setPersonal(settings.flatMap(TenantSettings::senderDisplayName).orElse(null),
                    StandardCharsets.UTF_8.name());
            return from;
        }
        return new InternetAddress(sender.from(), true);
    }

    private SendResult send(String tenantId, Secret address, ResetEmail email) {
        MimeMessage message = mail.newMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            try {
                helper.setFrom(from(tenantId));
            } catch (AddressException | UnsupportedEncodingException e) {
                helper.setFrom(sender.from()); // a tenant's unusable sender never blocks the reset email
            }
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
