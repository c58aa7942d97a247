package io.resetflow.api.page;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/** The bearer secret of token-service's internal API. */
@Validated
@ConfigurationProperties("resetflow.internal")
record InternalApiProperties(@NotBlank(message = "set resetflow.internal.secret") String secret) {
}
