/** Seed 000's Set Password Webhook: a tenant that took over delivery gets the link POSTed, signed, instead of an email or SMS. */
package io.resetflow.notifier.setpassword;
