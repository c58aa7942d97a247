package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.OutcomeTopicLimit;
import io.resetflow.notifier.support.TestMail;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.testsupport.TopicLog;

/**
 * The real broker refuses DeliveryOutcome records for a while (the topic's {@code max.message.bytes} below their
 * size) while it still takes dead letters: a sent link whose outcome is refused must not be dead-lettered, and its
 * outcome must reach the log once the broker takes it again.
 */
class UnpublishedOutcomeIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        // two quick attempts: without the guard the record would be dead-lettered within half a second
        registry.add("resetflow.delivery.max-attempts", () -> "2");
        registry.add("resetflow.delivery.initial-backoff", () -> "100ms");
        registry.add("resetflow.delivery.max-backoff", () -> "200ms");
    }

    @Test
    void a_sent_link_whose_outcome_the_broker_refuses_is_not_dead_lettered_and_its_outcome_follows_once_taken()
            throws Exception {
        String tenant = newId("tenant");
        String user = newId("user");
        String address = newId("refused") + "@example.com";
        ResetLinkIssued event = linkIssued(tenant, user, newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);
        String key = Topics.key(tenant, user);

        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
            try (OutcomeTopicLimit refusing = OutcomeTopicLimit.refuseOutcomes()) {
                send(event);
                await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.to(address).size() == 1);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> "SENT".equals(deliveryRow(event.getEventId()).get("status")));
                // many times the two attempts and their backoff: still not dead-lettered, no outcome yet
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                        .until(() -> deadLetters.poll(r -> key.equals(r.key())).isEmpty()
                                && outcomes(event.getEventId()).isEmpty());
            }

            List<DeliveryOutcome> outcomes = awaitOutcomes(event.getEventId(), 1);
            assertThat(outcomes.get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
            assertThat(outcomes.get(0).getAttempt()).isEqualTo(1);
            assertThat(MAIL.to(address)).hasSize(1);
            assertThat(deadLetters.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30)))
                    .extracting(TopicLog::describeDeadLetter).isEmpty();
        }
    }
}
