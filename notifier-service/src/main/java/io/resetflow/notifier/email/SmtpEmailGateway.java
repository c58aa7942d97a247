package io.resetflow.notifier.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.EmailGateway;
import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.notifier.delivery.Secret;
import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Sends the reset email (and the password-changed notice), from the tenant's sender, as text + HTML alternatives
 * ({@link MimeBody}) over SMTP (on the sending thread's kept connection, see {@link SmtpConnections}) and answers the
 * Message-ID, or a classified failure.
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
        try {
            PreparedMessage message = mail.newMessage(MimeBody.alternative(email.text(), email.html()));
            try {
                message.setFrom(from(tenantId));
            } catch (AddressException | UnsupportedEncodingException e) {
                message.setFrom(new InternetAddress(sender.from(), true)); // a tenant's unusable sender never blocks it
            }
            message.setRecipient(Message.RecipientType.TO, recipient(address.value()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            mail.send(message);
            return new SendResult.Sent(message.getMessageID());
        } catch (MessagingException | MailException e) {
            return SmtpFailures.classify(e);
        }
    }

    /** Exactly one address, parsed as Spring's {@code MimeMessageHelper.setTo} did. */
    private static InternetAddress recipient(String address) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(address);
        if (parsed.length != 1) {
            throw new AddressException("Illegal address", address);
        }
        return parsed[0];
    }
}
