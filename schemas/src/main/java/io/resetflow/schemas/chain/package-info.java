/**
 * Tamper evidence for the event log: {@link io.resetflow.schemas.chain.ChainInterceptor} chains each producer's
 * records per topic by hash, {@link io.resetflow.schemas.chain.ChainVerifier} checks the chains and documents
 * exactly what an intact chain proves and what it does not.
 */
package io.resetflow.schemas.chain;
