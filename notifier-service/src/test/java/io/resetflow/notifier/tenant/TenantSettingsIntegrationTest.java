package io.resetflow.notifier.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** tenant.settings on the real broker into tenant_settings; the tenant's sender on the email (real SMTP, GreenMail). */
class TenantSettingsIntegrationTest extends NotifierIntegrationTestBase {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        SMTP.stop();
    }

    @Autowired
    private Tenants tenants;

    @Test
    void the_latest_settings_are_kept_and_an_older_or_repeated_event_changes_nothing() {
        String tenant = newId("tenant");
        TenantSettingsChanged newer = settings(tenant).setSenderName("Newer").setSenderAddress("newer@acme.example")
                .setSmsAllowedCountryCodes(List.of("1", "44")).setSmsDailyCapPerNumber(3).build();
        TenantSettingsChanged older = settings(tenant).setSenderName("Older").setSenderAddress("older@acme.example")
                .setOccurredAt(newer.getOccurredAt().minusSeconds(60)).build();

        sendSettings(newer);
        sendRaw(io.resetflow.schemas.Topics.TENANT_SETTINGS, tenant,
                new io.resetflow.schemas.serde.AvroEventSerializer().serialize(io.resetflow.schemas.Topics.TENANT_SETTINGS, older));
        sendSettings(newer); // a replay
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> tenants.find(tenant).orElseThrow().eventId().equals(newer.getEventId()));

        TenantSettings stored = tenants.find(tenant).orElseThrow();
        assertThat(stored.eventId()).isEqualTo(newer.getEventId());
        assertThat(stored.senderName()).isEqualTo("Newer");
        assertThat(stored.smsAllowedCountryCodes()).containsExactly("1", "44");
        assertThat(stored.smsDailyCapPerNumber()).isEqualTo(3);
        assertThat(stored.setPasswordWebhook()).isEmpty();
    }

    @Test
    void the_email_comes_from_the_tenants_sender_and_from_the_default_without_one() throws Exception {
        String tenant = newId("tenant");
        sendSettings(settings(tenant).setSenderName("Acme Support").setSenderAddress("support@acme.example").build());
        String address = newId("sender") + "@example.com";
        send(linkIssued(tenant, newId("user"), newId("link"), address, "https://portal.example/reset/" + newId("t"), false));

        String plain = newId("plain") + "@example.com";
        send(linkIssued(newId("tenant"), newId("user"), newId("link"), plain, "https://portal.example/reset/x", false));

        InternetAddress from = (InternetAddress) awaitMail(address).getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("support@acme.example");
        assertThat(from.getPersonal()).isEqualTo("Acme Support");
        InternetAddress fallback = (InternetAddress) awaitMail(plain).getFrom()[0];
        assertThat(fallback.getAddress()).isEqualTo("no-reply@resetflow.local");
    }

    @Test
    void a_german_user_gets_the_german_email() throws Exception {
        String address = newId("de") + "@example.com";
        ResetLinkIssued event = linkIssued(newId("tenant"), newId("user"), newId("link"), address,
                "https://portal.example/reset/" + newId("t"), false);
        event.setLocale("de-AT");
        send(event);

        MimeMessage mail = awaitMail(address);
        assertThat(mail.getSubject()).isEqualTo("Passwort zurücksetzen");
        assertThat(deliveryRow(event.getEventId())).containsEntry("status", "SENT");
    }

    private static MimeMessage awaitMail(String to) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(to) != null);
        return mailTo(to);
    }

    private static MimeMessage mailTo(String to) {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equals(to))) {
                    return message;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
