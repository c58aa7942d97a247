package io.resetflow.api.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/** The bearer secret of token-service's internal API. */
@Validated
@ConfigurationProperties("resetflow.internal")
public record InternalApiProperties(@NotBlank(message = "set resetflow.internal.secret") String secret) {
}
