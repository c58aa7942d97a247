package io.resetflow.notifier.email;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;
import io.resetflow.schemas.seal.Mask;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Operator-to-tenant emails (e.g. "your webhook endpoint was disabled"), plain text from {@code resetflow.mail.from}
 * to the tenant's configured sender address (its {@code senderAddress} setting: the only tenant-owned address the
 * notifier knows). Answers a short, address-masked account of what happened, for the admin API to show.
 */
@Component
public class TenantMail {

    private static final Logger log = LoggerFactory.getLogger(TenantMail.class);

    private final JavaMailSender mail;
    private final SenderProperties sender;
    private final Tenants tenants;

    TenantMail(JavaMailSender mail, SenderProperties sender, Tenants tenants) {
        this.mail = mail;
        this.sender = sender;
        this.tenants = tenants;
    }

    /** Never throws for a send failure: the answer says it (e.g. {@code "emailed to o***@example.com"}). */
    public String send(String tenantId, String subject, String text) {
        Optional<String> to = tenants.find(tenantId).flatMap(TenantSettings::sender);
        if (to.isEmpty()) {
            log.warn("tenant {}: no senderAddress in its settings, notice \"{}\" not emailed", tenantId, subject);
            return "not emailed: the tenant has no senderAddress in its settings";
        }
        String masked = Mask.address(to.get());
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(sender.from());
            helper.setTo(to.get());
            helper.setSubject(subject);
            helper.setText(text, false);
            mail.send(message);
            log.info("tenant {}: notice \"{}\" emailed to {}", tenantId, subject, masked);
            return "emailed to " + masked;
        } catch (MessagingException | MailException e) {
            String reason = SmtpFailures.classify(e).reason();
            log.warn("tenant {}: notice \"{}\" to {} not sent: {}", tenantId, subject, masked, reason);
            return "email to " + masked + " failed: " + reason;
        }
    }
}
