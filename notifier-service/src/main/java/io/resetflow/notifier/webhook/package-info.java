/** Partner webhooks: endpoints per tenant, a durable per-endpoint delivery queue with a retry schedule, the delivery log, the internal API. */
package io.resetflow.notifier.webhook;
