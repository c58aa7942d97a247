package io.resetflow.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Delivers reset links by email, SMS or the tenant's Set Password Webhook, sends partner webhooks, and
 * publishes a DeliveryOutcome for every attempt.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierServiceApplication {

    public static void main(String[] args) {
        // Without a named provider, Jakarta Mail runs a ServiceLoader scan over the whole jar for every
        // multipart it builds (jakartaee/mail-api#699); the bench found it was most of the notifier's CPU.
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        SpringApplication.run(NotifierServiceApplication.class, args);
    }
}
