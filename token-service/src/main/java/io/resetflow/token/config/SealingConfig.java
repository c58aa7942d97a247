package io.resetflow.token.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.resetflow.schemas.seal.Sealer;

@Configuration(proxyBeanMethods = false)
class SealingConfig {

    /** Seals the link in every ResetLinkIssued (context {@code link:{tenantId}}). */
    @Bean
    Sealer eventSealer(SealingProperties properties) {
        return Sealer.of(properties.activeKeyId(), properties.keys());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
