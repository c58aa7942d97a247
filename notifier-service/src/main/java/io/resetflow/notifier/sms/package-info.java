/** The SMS channel: Twilio's own client (base URL configurable), E.164 numbers, anti-pumping guards per tenant. */
package io.resetflow.notifier.sms;
