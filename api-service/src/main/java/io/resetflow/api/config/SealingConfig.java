package io.resetflow.api.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.resetflow.schemas.seal.Sealer;

@Configuration(proxyBeanMethods = false)
class SealingConfig {

    @Bean
    Sealer sealer(SealingProperties properties) {
        return Sealer.of(properties.activeKeyId(), properties.keys());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
