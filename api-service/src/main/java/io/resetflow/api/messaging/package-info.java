/** The Kafka edge of api-service: the only package that touches Avro-generated classes. */
package io.resetflow.api.messaging;
