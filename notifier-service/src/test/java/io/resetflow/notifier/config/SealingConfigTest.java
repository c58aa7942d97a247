package io.resetflow.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.resetflow.schemas.seal.Sealer;

class SealingConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SealingProperties.class)
    @Import(SealingConfig.class)
    static class Wiring {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Wiring.class);

    @Test
    void refuses_to_start_without_the_key_ring_and_says_which_keys_to_set() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .hasStackTraceContaining("set resetflow.sealing.active-key-id")
                .hasStackTraceContaining("set resetflow.sealing.keys.<id>"));
    }

    @Test
    void refuses_an_active_key_id_missing_from_the_ring() {
        context.withPropertyValues("resetflow.sealing.active-key-id=k2",
                        "resetflow.sealing.keys.k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("active sealing key 'k2' is not in the key ring"));
    }

    @Test
    void builds_the_sealer_from_the_ring() {
        context.withPropertyValues("resetflow.sealing.active-key-id=local-1",
                        "resetflow.sealing.keys.local-1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(Sealer.class));
    }
}
