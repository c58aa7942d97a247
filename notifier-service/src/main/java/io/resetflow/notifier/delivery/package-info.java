/**
 * The delivery use case: de-duplicate an issued link per (issuance eventId, channel), send it once, record the
 * attempt, publish its outcome. No outbox: the row is committed first, then the outcome is published
 * synchronously with a deterministic eventId, then the Kafka offset is committed; a crash in between redelivers
 * the record, which sends nothing again and re-publishes the same outcome event.
 */
package io.resetflow.notifier.delivery;
