/** Transactional outbox: serialized events stored with the state that caused them, relayed to Kafka after commit and deleted once acknowledged. */
package io.resetflow.token.outbox;
