/** The email channel: renders the reset email (text + HTML) and sends it over SMTP, classifying failures. */
package io.resetflow.notifier.email;
