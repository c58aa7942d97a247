/** Kafka serde in Avro single-object encoding, with every released schema version kept for decoding. */
package io.resetflow.schemas.serde;
