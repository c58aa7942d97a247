/**
 * The delivery use case: de-duplicate per (ResetLinkIssued eventId, channel), send once, record the attempt, publish
 * its outcome. The key is the issuance, not the token (DESIGN.md says "token, channel"): a re-send within the reuse
 * window is a new ResetLinkIssued carrying the same token, and the user must get it; a Kafka redelivery of the same
 * event is still sent only once. No outbox: the row is committed first, then the outcome (with a deterministic eventId)
 * is handed to the producer, and the Kafka offset is committed only after the broker acknowledged it (the listener
 * waits for a poll's outcomes before it returns); a crash in between redelivers the record, which sends nothing again
 * and re-publishes the same outcome event.
 */
package io.resetflow.notifier.delivery;
