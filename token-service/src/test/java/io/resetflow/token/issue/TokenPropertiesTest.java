package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Outside the local profile nobody supplies an at-rest key: the service must refuse to start, saying which key. */
class TokenPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TokenProperties.class)
    @Import(TokenVault.class)
    static class Wiring {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Wiring.class);

    @Test
    void refuses_to_start_without_an_at_rest_key() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .rootCause().hasMessageContaining("resetflow.token.at-rest-key"));
    }

    @Test
    void refuses_to_start_with_an_at_rest_key_of_the_wrong_length() {
        context.withPropertyValues("resetflow.token.at-rest-key=c2hvcnQ=")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("resetflow.token.at-rest-key must be base64 of exactly 32 bytes"));
    }

    @Test
    void starts_with_a_32_byte_key() {
        context.withPropertyValues("resetflow.token.at-rest-key=dG9rZW4tYXQtcmVzdC1sb2NhbC1rZXktMzItYnl0ZXM=")
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(TokenVault.class));
    }

    @Test
    void keeps_decisions_7_days_unless_set_and_never_less_than_the_throttle_window() {
        String key = "resetflow.token.at-rest-key=dG9rZW4tYXQtcmVzdC1sb2NhbC1rZXktMzItYnl0ZXM=";
        context.withPropertyValues(key).run(started -> assertThat(started.getBean(TokenProperties.class)
                .processedEventsRetention()).isEqualTo(java.time.Duration.ofDays(7)));
        context.withPropertyValues(key, "resetflow.token.processed-events-retention=P2D").run(started -> assertThat(
                started.getBean(TokenProperties.class).processedEventsRetention()).isEqualTo(java.time.Duration.ofDays(2)));
        context.withPropertyValues(key, "resetflow.token.processed-events-retention=PT1H")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("resetflow.token.processed-events-retention must exceed the throttle window"));
    }
}
