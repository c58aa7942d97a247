/** Transactional outbox: serialized events stored with the state that caused them, relayed to Kafka after commit. */
package io.resetflow.token.outbox;
