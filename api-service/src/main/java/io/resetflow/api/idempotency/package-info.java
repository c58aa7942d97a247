/** Idempotency-Key support: the first answer to a key is replayed for 24 hours. */
package io.resetflow.api.idempotency;
