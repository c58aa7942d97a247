/** Wiring shared by the features: the event sealing key ring (fails fast when missing) and the clock. */
package io.resetflow.notifier.config;
