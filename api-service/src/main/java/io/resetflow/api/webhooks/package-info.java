/** The admin API over partner webhooks, forwarded to notifier-service, which owns endpoints and deliveries. */
package io.resetflow.api.webhooks;
