/** Wiring shared by the features: the event sealing key ring and the clock. */
package io.resetflow.token.config;
