/** notifier-service: turns ResetLinkIssued into a delivered message and a DeliveryOutcome; one package per feature. */
package io.resetflow.notifier;
