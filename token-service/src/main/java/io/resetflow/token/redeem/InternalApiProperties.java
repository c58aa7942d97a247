package io.resetflow.token.redeem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import io.resetflow.token.config.CheckedAtStartup;

/** @param secret bearer secret api-service presents on every internal call */
@Validated
@ConfigurationProperties("resetflow.internal")
record InternalApiProperties(
        @NotBlank(message = "set resetflow.internal.secret (env RESETFLOW_INTERNAL_SECRET), the same as api-service's")
        String secret) implements CheckedAtStartup {
}
