package io.resetflow.notifier.delivery;

/**
 * Sends the reset link by SMS after the tenant's anti-pumping guards (allowed country codes, daily cap per number);
 * implemented by the {@code sms} feature. Never throws for a send failure.
 */
public interface SmsGateway {

    SendResult sendResetLink(String tenantId, Secret number, Secret link);
}
