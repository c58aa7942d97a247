package io.resetflow.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Outside the local profile the keys come from the environment; when one is missing or malformed the service
 * stops at once naming it, before it tries the database (here unreachable on purpose) or the broker.
 */
class StartupFailFastTest {

    private static final String[] UNREACHABLE_INFRASTRUCTURE = {
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/token",
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "spring.main.banner-mode=off"};

    private static SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(TokenServiceApplication.class).web(WebApplicationType.NONE)
                .properties(UNREACHABLE_INFRASTRUCTURE).properties(properties);
    }

    @Test
    void refuses_to_start_without_the_at_rest_key_and_names_it() {
        assertThatThrownBy(() -> app("resetflow.sealing.active-key-id=k1",
                "resetflow.sealing.keys.k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "resetflow.internal.secret=s").run().close())
                .hasStackTraceContaining("resetflow.token.at-rest-key")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e).rootCause()
                        .hasMessageNotContaining("Connection"));
    }

    @Test
    void refuses_to_start_without_the_internal_secret_and_names_it() {
        assertThatThrownBy(() -> app("resetflow.sealing.active-key-id=k1",
                "resetflow.sealing.keys.k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "resetflow.token.at-rest-key=dG9rZW4tYXQtcmVzdC1sb2NhbC1rZXktMzItYnl0ZXM=").run().close())
                .hasStackTraceContaining("resetflow.internal.secret");
    }

    @Test
    void refuses_to_start_with_a_short_at_rest_key_before_connecting() {
        assertThatThrownBy(() -> app("resetflow.sealing.active-key-id=k1",
                "resetflow.sealing.keys.k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "resetflow.internal.secret=s", "resetflow.token.at-rest-key=c2hvcnQ=").run().close())
                .hasStackTraceContaining("resetflow.token.at-rest-key must be base64 of exactly 32 bytes")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e).rootCause()
                        .hasMessageNotContaining("Connection"));
    }
}
