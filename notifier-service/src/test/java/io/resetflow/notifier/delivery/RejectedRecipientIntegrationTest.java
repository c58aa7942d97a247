package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.RejectingSmtpServer;
import io.resetflow.testsupport.TopicLog;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;

/** An SMTP server that refuses recipients: 550 is final at once, 451 is retried with backoff, then dead-lettered. */
class RejectedRecipientIntegrationTest extends NotifierIntegrationTestBase {

    private static final RejectingSmtpServer SMTP = new RejectingSmtpServer();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("resetflow.delivery.max-attempts", () -> "3");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.close();
    }

    private static long rcptsFor(String address) {
        return SMTP.recipients().stream().filter(address::equals).count();
    }

    @Test
    void a_recipient_rejected_with_550_is_reported_failed_permanent_once_and_the_consumer_moves_on() {
        String tenant = newId("tenant");
        String address = newId("nobody") + "@example.com";
        ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);
        String nextAddress = newId("nobody-next") + "@example.com";
        ResetLinkIssued next = linkIssued(tenant, event.getUserId(), newId("link"), nextAddress,
                "https://portal.example/reset/" + newId("tok"), false);

        send(event);
        send(next);

        assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
            assertThat(outcome.getAttempt()).isEqualTo(1);
            assertThat(outcome.getReason()).startsWith("SMTP 550 5.1.1").contains("user unknown")
                    .doesNotContain(address);
            assertThat(outcome.getProviderMessageId()).isNull();
        });
        assertThat(rcptsFor(address)).isEqualTo(1);
        assertThat(awaitOutcomes(next.getEventId(), 1).get(0).getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
        assertThat(deliveryRow(event.getEventId())).containsEntry("status", "FAILED_PERMANENT")
                .containsEntry("attempts", 1);
    }

    @Test
    void a_recipient_deferred_with_451_is_retried_with_backoff_then_dead_lettered_and_reported_so() {
        String tenant = newId("tenant");
        String user = newId("user");
        String address = newId("busy") + "@example.com";
        ResetLinkIssued event = linkIssued(tenant, user, newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);

        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
            send(event);

            List<DeliveryOutcome> outcomes = awaitOutcomes(event.getEventId(), 4);
            assertThat(outcomes).extracting(DeliveryOutcome::getStatus).containsExactly(
                    DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY,
                    DeliveryStatus.DEAD_LETTERED);
            assertThat(outcomes).extracting(DeliveryOutcome::getAttempt).containsExactly(1, 2, 3, 3);
            assertThat(outcomes).extracting(DeliveryOutcome::getEventId).doesNotHaveDuplicates();
            assertThat(outcomes).extracting(DeliveryOutcome::getReason)
                    .allSatisfy(reason -> assertThat(reason).startsWith("SMTP 451 4.3.0").doesNotContain(address));
            String key = Topics.key(tenant, user);
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.poll(r -> key.equals(r.key())).size() == 1);
        }
        assertThat(rcptsFor(address)).isEqualTo(3);
        assertThat(deliveryRow(event.getEventId())).containsEntry("status", "DEAD_LETTERED")
                .containsEntry("attempts", 3);
    }
}
