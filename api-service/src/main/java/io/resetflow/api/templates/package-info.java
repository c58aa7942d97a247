/** The admin API over tenants' email templates, forwarded to notifier-service, which owns and renders them. */
package io.resetflow.api.templates;
