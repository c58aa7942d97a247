/**
 * The admin console at {@code /admin} (issue 7): server-rendered pages for tenant admins, signed in with a
 * password and a session cookie. Offers what the admin API offers, through the same application services
 * (directory, reset requests, token-service client, tenant settings, timeline). Every query is scoped by
 * the signed-in admin's tenant.
 */
package io.resetflow.api.console;
