package io.resetflow.notifier.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.resetflow.schemas.seal.Sealer;

@Configuration(proxyBeanMethods = false)
class SealingConfig {

    /** Opens the recipient ({@code recipient:{tenantId}}) and the link ({@code link:{tenantId}}) of each ResetLinkIssued. */
    @Bean
    Sealer eventSealer(SealingProperties properties) {
        return Sealer.of(properties.activeKeyId(), properties.keys());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
