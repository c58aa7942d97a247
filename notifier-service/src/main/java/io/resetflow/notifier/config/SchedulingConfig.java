package io.resetflow.notifier.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the hourly housekeeping of the features (see {@link RetentionProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
