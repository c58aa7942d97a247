package io.resetflow.token.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the housekeeping job (processed_events cleanup), every {@code resetflow.cleanup.interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
