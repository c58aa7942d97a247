package io.resetflow.notifier.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;

/**
 * Emails "your password was changed" once per PasswordChanged eventId ({@code password_change_notices}). Nothing is
 * sent when the event has no address or the tenant took over delivery (Set Password Webhook). A temporary SMTP
 * failure throws {@link TemporaryDeliveryFailure} so the record is redelivered.
 */
@Service
public class PasswordChangeNotices {

    private static final Logger log = LoggerFactory.getLogger(PasswordChangeNotices.class);

    private final JdbcClient jdbc;
    private final EmailGateway email;
    private final Tenants tenants;

    PasswordChangeNotices(JdbcClient jdbc, EmailGateway email, Tenants tenants) {
        this.jdbc = jdbc;
        this.email = email;
        this.tenants = tenants;
    }

    public void notify(PasswordChangeNotice notice) {
        if (notice.address() == null) {
            return;
        }
        if (tenants.find(notice.tenantId()).flatMap(TenantSettings::setPasswordWebhook).isPresent()) {
            log.info("password change {} of tenant {}: the tenant took over delivery; no notice sent",
                    notice.eventId(), notice.tenantId());
            return;
        }
        jdbc.sql("""
                insert into password_change_notices (event_id, tenant_id, user_id, status, created_at)
                values (:event, :tenant, :user, 'PENDING', now()) on conflict (event_id) do nothing
                """)
                .param("event", notice.eventId())
                .param("tenant", notice.tenantId())
                .param("user", notice.userId())
                .update();
        String status = jdbc.sql("select status from password_change_notices where event_id = :event")
                .param("event", notice.eventId()).query(String.class).single();
        if (!"PENDING".equals(status)) {
            return;
        }
        SendResult result = email.sendPasswordChanged(notice.tenantId(), notice.address(), notice.changedAt(),
                notice.locale());
        String outcome;
        if (result instanceof SendResult.Sent) {
            outcome = "SENT";
        } else if (result instanceof SendResult.Failed failed && !failed.permanent()) {
            throw new TemporaryDeliveryFailure("password-changed notice " + notice.eventId() + " failed temporarily: "
                    + failed.reason());
        } else {
            outcome = "FAILED_PERMANENT";
        }
        jdbc.sql("update password_change_notices set status = :status where event_id = :event")
                .param("status", outcome).param("event", notice.eventId()).update();
        log.info("password change {} of user {} to {}: notice {}", notice.eventId(), notice.userId(),
                notice.maskedRecipient(), outcome);
    }
}
