/** The Kafka edge of token-service: the only package that touches Avro-generated classes. */
package io.resetflow.token.messaging;
