package io.resetflow.notifier.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code resetflow.sms.*}: Twilio account and sender. {@code twilioBaseUrl} replaces {@code https://api.twilio.com}
 * (the local profile and the launcher point it at the dev inbox). Without an account SID and token every SMS fails
 * permanently with "SMS is not configured".
 */
@Validated
@ConfigurationProperties("resetflow.sms")
record SmsProperties(
        @NotBlank @DefaultValue("https://api.twilio.com") String twilioBaseUrl,
        String accountSid,
        String authToken,
        String from) {

    boolean configured() {
        return notBlank(accountSid) && notBlank(authToken) && notBlank(from);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "SmsProperties[twilioBaseUrl=" + twilioBaseUrl + ", accountSid=" + accountSid + ", authToken=***, from="
                + from + "]";
    }
}
