/**
 * The Kafka edge: consumes ResetLinkIssued (opening its sealed address and link), publishes DeliveryOutcome with
 * acks=all and waits for the ack before the offset is committed, dead-letters what cannot be handled. The only
 * package that touches Avro-generated classes.
 */
package io.resetflow.notifier.messaging;
