package io.resetflow.notifier.delivery;

/**
 * POSTs an issued link to the tenant's Set Password Webhook (seed 000) instead of emailing or texting it;
 * implemented by the {@code setpassword} feature. {@code requested} is the channel the user asked for.
 * Never throws for a send failure.
 */
public interface SetPasswordWebhookGateway {

    SendResult deliver(LinkDelivery delivery, DeliveryChannel requested, String url);
}
