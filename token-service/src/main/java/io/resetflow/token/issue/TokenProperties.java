package io.resetflow.token.issue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import io.resetflow.token.config.CheckedAtStartup;

/** @param atRestKey base64 of 32 bytes: the AES-256 key sealing the stored copy of each token */
@Validated
@ConfigurationProperties("resetflow.token")
record TokenProperties(
        @NotBlank(message = "set resetflow.token.at-rest-key (env RESETFLOW_TOKEN_ATRESTKEY) to a base64 32-byte key, "
                + "e.g. openssl rand -base64 32") String atRestKey) implements CheckedAtStartup {
}
