/** Wiring shared by the features: the sealing key ring and the clock. */
package io.resetflow.api.config;
