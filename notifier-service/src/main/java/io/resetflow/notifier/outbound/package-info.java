/** Outbound webhook calls shared by the Set Password Webhook and partner webhooks: Standard Webhooks signing, CloudEvents bodies, the SSRF guard, secrets sealed at rest, the HTTP POST. */
package io.resetflow.notifier.outbound;
