package io.resetflow.notifier.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.NotBlank;

/** {@code resetflow.mail.from}: the default sender, e.g. {@code resetflow <no-reply@resetflow.local>}. */
@Validated
@ConfigurationProperties("resetflow.mail")
record SenderProperties(@NotBlank @DefaultValue("resetflow <no-reply@resetflow.local>") String from) {

    SenderProperties {
        if (from != null && !from.isBlank()) {
            try {
                new InternetAddress(from, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("resetflow.mail.from is not a valid address: " + e.getMessage(), e);
            }
        }
    }
}
