package io.resetflow.notifier.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/** The key ring that opens the sealed address and link in ResetLinkIssued; the same ring in all three services. */
@Validated
@ConfigurationProperties("resetflow.sealing")
record SealingProperties(
        @NotBlank(message = "set resetflow.sealing.active-key-id (env RESETFLOW_SEALING_ACTIVEKEYID); "
                + "only the local profile has a development key ring") String activeKeyId,
        @NotEmpty(message = "set resetflow.sealing.keys.<id> to a base64 32-byte key (env RESETFLOW_SEALING_KEYS_<ID>)")
        Map<String, String> keys) {
}
