package io.resetflow.api.tokens;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** Where token-service's internal API is; its bearer secret is {@link InternalApiProperties}. */
@Validated
@ConfigurationProperties("resetflow.token-service")
public record TokenServiceProperties(@NotNull(message = "set resetflow.token-service.url") URI url) {
}
