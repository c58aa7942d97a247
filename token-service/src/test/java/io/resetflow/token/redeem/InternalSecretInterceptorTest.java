package io.resetflow.token.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class InternalSecretInterceptorTest {

    private final InternalSecretInterceptor interceptor =
            new InternalSecretInterceptor(new InternalApiProperties("s3cret-value"));

    @Test
    void accepts_only_the_exact_bearer_secret() {
        assertThat(interceptor.authorized("Bearer s3cret-value")).isTrue();
        assertThat(interceptor.authorized("bearer s3cret-value")).isTrue();
        assertThat(interceptor.authorized(null)).isFalse();
        assertThat(interceptor.authorized("")).isFalse();
        assertThat(interceptor.authorized("Bearer ")).isFalse();
        assertThat(interceptor.authorized("s3cret-value")).isFalse();
        assertThat(interceptor.authorized("Basic s3cret-value")).isFalse();
        assertThat(interceptor.authorized("Bearer s3cret-valu")).isFalse();
        assertThat(interceptor.authorized("Bearer s3cret-value2")).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InternalApiProperties.class)
    static class Wiring {
    }

    @Test
    void refuses_to_start_without_an_internal_secret() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Wiring.class)
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("resetflow.internal.secret"));
    }
}
