/** Tenant settings the notifier needs (sender, Set Password Webhook, SMS guards), kept from tenant.settings. */
package io.resetflow.notifier.tenant;
