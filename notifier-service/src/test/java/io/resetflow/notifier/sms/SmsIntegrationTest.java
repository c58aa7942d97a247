package io.resetflow.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.testsupport.DevInbox;

/** SMS through the real twilio-java client to test-support's DevInbox (Twilio's create-message route). */
class SmsIntegrationTest extends NotifierIntegrationTestBase {

    private static final DevInbox INBOX = DevInbox.start(0, List::of);

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("resetflow.sms.twilio-base-url", INBOX::smsUrl);
    }

    @AfterAll
    static void stopInbox() {
        INBOX.close();
    }

    @Test
    void the_link_is_texted_through_twilio_java_to_the_e164_number_and_the_message_sid_recorded() {
        String tenant = newId("tenant");
        String number = "+44 20-7946 " + (1000 + (int) (Math.random() * 8999));
        String e164 = number.replace(" ", "").replace("-", "");
        String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
        ResetLinkIssued event = sms(tenant, number, link);

        send(event);

        DeliveryOutcome outcome = awaitOutcomes(event.getEventId(), 1).get(0);
        assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
        assertThat(outcome.getProviderMessageId()).startsWith("SM");
        CapturedMessage text = awaitSms(e164).get(0);
        assertThat(text.body()).isEqualTo("Your password reset link: " + link);
        assertThat(text.subject()).contains("+15005550006");
        assertThat(deliveryRow(event.getEventId())).containsEntry("provider_message_id", outcome.getProviderMessageId());
    }

    @Test
    void a_number_outside_the_tenants_allowed_countries_is_refused_without_a_text() {
        String tenant = newId("tenant");
        sendSettings(settings(tenant).setSmsAllowedCountryCodes(List.of("1")).build());
        String number = "+4915112345" + (100 + (int) (Math.random() * 899));
        ResetLinkIssued event = sms(tenant, number, "https://portal.example/reset/" + newId("tok"));

        send(event);

        assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement().satisfies(o -> {
            assertThat(o.getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
            assertThat(o.getReason()).contains("country is not allowed").doesNotContain(number);
        });
        assertThat(INBOX.smsMessages()).noneMatch(m -> m.to().equals(number));
    }

    @Test
    void the_daily_cap_per_number_throttles_further_texts() {
        String tenant = newId("tenant");
        sendSettings(settings(tenant).setSmsDailyCapPerNumber(2).build());
        String number = "+1415555" + (1000 + (int) (Math.random() * 8999));
        ResetLinkIssued first = sms(tenant, number, "https://portal.example/reset/" + newId("tok"));
        ResetLinkIssued second = sms(tenant, number, "https://portal.example/reset/" + newId("tok"));
        ResetLinkIssued third = sms(tenant, number, "https://portal.example/reset/" + newId("tok"));
        third.setUserId(first.getUserId());
        second.setUserId(first.getUserId());

        send(first);
        send(second);
        send(third);

        assertThat(awaitOutcomes(first.getEventId(), 1).get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(awaitOutcomes(second.getEventId(), 1).get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(awaitOutcomes(third.getEventId(), 1)).singleElement().satisfies(o -> {
            assertThat(o.getStatus()).isEqualTo(DeliveryStatus.THROTTLED);
            assertThat(o.getReason()).isEqualTo("daily SMS cap of 2 per number reached");
        });
        assertThat(awaitSms(number)).hasSize(2);
        assertThat(deliveryRow(third.getEventId())).containsEntry("status", "THROTTLED");
    }

    private static ResetLinkIssued sms(String tenant, String number, String link) {
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), number, link, false);
        event.setChannel(Channel.SMS);
        event.setMaskedRecipient(Mask.address(number));
        return event;
    }

    private static List<CapturedMessage> awaitSms(String to) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !smsTo(to).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        return smsTo(to);
    }

    private static List<CapturedMessage> smsTo(String to) {
        return INBOX.smsMessages().stream().filter(m -> m.to().equals(to)).toList();
    }
}
