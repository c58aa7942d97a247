package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.OutcomeTopicLimit;
import io.resetflow.notifier.support.RejectingSmtpServer;
import io.resetflow.testsupport.Infrastructure;
import io.resetflow.testsupport.TopicLog;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.Mask;

/**
 * An SMTP server that refuses recipients: 550 is final at once, 451 is retried with backoff, then dead-lettered, also
 * while other users' links keep arriving on the same consumer thread.
 */
class RejectedRecipientIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    private Deliveries deliveries;

    private static final RejectingSmtpServer SMTP = new RejectingSmtpServer();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("resetflow.delivery.max-attempts", () -> "3");
        // one consumer thread for all of reset.link-issued's partitions: other users' links reach the thread that is
        // retrying a deferred one
        registry.add("resetflow.delivery.concurrency", () -> "1");
        // a database out of reach is told within a second, not the pool's default 30
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
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

    @Test
    void a_deferred_link_is_dead_lettered_after_its_attempts_while_another_users_links_keep_coming() {
        String tenant = newId("tenant");
        String user = newId("user");
        String otherUser = userOnAnotherPartition(tenant, user);
        String address = newId("busy") + "@example.com";
        ResetLinkIssued deferred = linkIssued(tenant, user, newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);

        send(deferred);
        // each poll of the condition sends the other user a link: polls of that partition alone succeed between the
        // deferred link's attempts (spring-kafka 4.1 then forgot the attempts: it was retried without end)
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() -> {
            send(linkIssued(tenant, otherUser, newId("link"), newId("nobody-other") + "@example.com",
                    "https://portal.example/reset/" + newId("tok"), false));
            return outcomes(deferred.getEventId()).stream()
                    .anyMatch(outcome -> outcome.getStatus() == DeliveryStatus.DEAD_LETTERED);
        });

        assertThat(rcptsFor(address)).isEqualTo(3);
        assertThat(awaitOutcomes(deferred.getEventId(), 4)).extracting(DeliveryOutcome::getStatus).containsExactly(
                DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY,
                DeliveryStatus.DEAD_LETTERED);
    }

    /**
     * A link first held up by a database outage, then deferred by the server once the database is back, is still
     * dead-lettered after its attempts: the outage's back-off (without end) does not stay with it.
     */
    @Test
    void a_link_held_up_by_a_database_outage_and_then_deferred_is_dead_lettered_after_its_attempts() {
        String address = newId("busy") + "@example.com";
        ResetLinkIssued event = linkIssued(newId("tenant"), newId("user"), newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);

        Infrastructure.shared().databaseReachable("notifier", false);
        try {
            send(event);
            // it fails at least twice meanwhile (a second to find no connection, then 1 s of back-off)
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> outcomes(event.getEventId()).isEmpty());
        } finally {
            Infrastructure.shared().databaseReachable("notifier", true);
        }

        assertThat(awaitOutcomes(event.getEventId(), 4)).extracting(DeliveryOutcome::getStatus).containsExactly(
                DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY,
                DeliveryStatus.DEAD_LETTERED);
        assertThat(rcptsFor(address)).isEqualTo(3);
    }

    /**
     * Attempt 1 is deferred while the broker refuses outcomes: attempt 2 is not made before attempt 1's outcome is on
     * the log (counting it first left that outcome unpublishable, a gap in the trail), and once outcomes are taken
     * again every attempt has its outcome, in order.
     */
    @Test
    void a_deferred_attempt_whose_outcome_the_broker_refuses_is_not_followed_by_another_before_its_outcome_is_published()
            throws Exception {
        String address = newId("busy") + "@example.com";
        ResetLinkIssued event = linkIssued(newId("tenant"), newId("user"), newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);

        try (OutcomeTopicLimit refusing = OutcomeTopicLimit.refuseOutcomes()) {
            send(event);
            await().atMost(Duration.ofSeconds(30)).until(() -> rcptsFor(address) == 1);
            // several rounds of retries and back-off: no second attempt, no outcome
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> rcptsFor(address) == 1 && outcomes(event.getEventId()).isEmpty());
            assertThat(deliveryRow(event.getEventId())).containsEntry("status", "FAILED_TEMPORARY")
                    .containsEntry("attempts", 1);
        }

        // the refused retries count against the record's deliveries, and restart the count whenever they reach it (its
        // recoverer does not dead-letter a record whose outcome is unpublished): given up after 2 to 4 attempts
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(event.getEventId()).stream()
                .anyMatch(outcome -> outcome.getStatus() == DeliveryStatus.DEAD_LETTERED));
        List<DeliveryOutcome> outcomes = outcomes(event.getEventId());
        int attempts = outcomes.size() - 1;
        assertThat(outcomes).extracting(DeliveryOutcome::getAttempt).startsWith(1).endsWith(attempts, attempts);
        assertThat(outcomes.subList(0, attempts)).extracting(DeliveryOutcome::getStatus)
                .containsOnly(DeliveryStatus.FAILED_TEMPORARY);
        assertThat(outcomes.subList(0, attempts)).extracting(DeliveryOutcome::getAttempt)
                .isEqualTo(IntStream.rangeClosed(1, attempts).boxed().toList());
        assertThat(rcptsFor(address)).isEqualTo(attempts);
    }

    /**
     * A user's rejected link and a deferred one after it, in one poll, while the broker refuses outcomes: once it takes
     * them, the rejected link's outcome comes first, as its attempt did (the deferred link's owed outcome must not
     * overtake the re-published one before it).
     */
    @Test
    void refused_outcomes_of_one_users_links_reach_the_log_in_the_order_of_their_attempts() throws Exception {
        String tenant = newId("tenant");
        String user = newId("user");
        String deferredAddress = newId("busy") + "@example.com";
        ResetLinkIssued rejected = linkIssued(tenant, user, newId("link"), newId("nobody") + "@example.com",
                "https://portal.example/reset/" + newId("tok"), false);
        ResetLinkIssued deferred = linkIssued(tenant, user, newId("link"), deferredAddress,
                "https://portal.example/reset/" + newId("tok"), false);

        try (OutcomeTopicLimit refusing = OutcomeTopicLimit.refuseOutcomes()) {
            sendTogether(rejected, deferred);
            await().atMost(Duration.ofSeconds(30)).until(() -> rcptsFor(deferredAddress) == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> rcptsFor(deferredAddress) == 1 && outcomes(deferred.getEventId()).isEmpty());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(deferred.getEventId()).stream()
                .anyMatch(outcome -> outcome.getStatus() == DeliveryStatus.DEAD_LETTERED));
        String key = Topics.key(tenant, user);
        List<DeliveryOutcome> inLogOrder = outcomeLog.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30))
                .stream().map(r -> decode(r.value())).toList();
        assertThat(inLogOrder.get(0).getCausationId()).isEqualTo(rejected.getEventId());
        assertThat(inLogOrder.get(0).getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
        assertThat(inLogOrder.get(1).getCausationId()).isEqualTo(deferred.getEventId());
        assertThat(inLogOrder.get(1).getAttempt()).isEqualTo(1);
    }

    /** A user of the tenant whose links the default partitioner puts on another partition than {@code user}'s. */
    private static String userOnAnotherPartition(String tenant, String user) {
        int partitions = 12; // KafkaConfig.EVENT_PARTITIONS
        int taken = partition(Topics.key(tenant, user), partitions);
        String other = newId("other");
        while (partition(Topics.key(tenant, other), partitions) == taken) {
            other = newId("other");
        }
        return other;
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void a_deferred_link_between_two_others_of_the_same_user_is_retried_alone_and_the_next_waits_for_it() {
        String tenant = newId("tenant");
        String user = newId("user");
        String beforeAddress = newId("nobody-before") + "@example.com";
        String deferredAddress = newId("busy") + "@example.com";
        String afterAddress = newId("nobody-after") + "@example.com";
        ResetLinkIssued before = linkIssued(tenant, user, newId("link"), beforeAddress,
                "https://portal.example/reset/" + newId("tok"), false);
        ResetLinkIssued deferred = linkIssued(tenant, user, newId("link"), deferredAddress,
                "https://portal.example/reset/" + newId("tok"), false);
        ResetLinkIssued after = linkIssued(tenant, user, newId("link"), afterAddress,
                "https://portal.example/reset/" + newId("tok"), false);

        sendTogether(before, deferred, after);

        List<DeliveryOutcome> deferredOutcomes = awaitOutcomes(deferred.getEventId(), 4);
        assertThat(deferredOutcomes).extracting(DeliveryOutcome::getStatus).last().isEqualTo(DeliveryStatus.DEAD_LETTERED);
        DeliveryOutcome afterOutcome = awaitOutcomes(after.getEventId(), 1).get(0);
        assertThat(awaitOutcomes(before.getEventId(), 1)).extracting(DeliveryOutcome::getStatus)
                .containsExactly(DeliveryStatus.FAILED_PERMANENT);
        // the link before was not sent again while the deferred one was retried, the link after was sent once,
        // and only after the deferred one was given up (a user's links stay in order)
        assertThat(rcptsFor(beforeAddress)).isEqualTo(1);
        assertThat(rcptsFor(deferredAddress)).isEqualTo(3);
        assertThat(rcptsFor(afterAddress)).isEqualTo(1);
        assertThat(afterOutcome.getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
        // counted once: a poll that stopped at the deferred link took back the attempt it had counted for this one
        assertThat(afterOutcome.getAttempt()).isEqualTo(1);
        assertThat(afterOutcome.getOccurredAt()).isAfterOrEqualTo(deferredOutcomes.get(3).getOccurredAt());
    }

    @Test
    void a_poll_stops_at_a_deferred_link_and_the_links_after_it_are_neither_tried_nor_counted() {
        String tenant = newId("tenant");
        LinkDelivery before = link(tenant, newId("nobody-before") + "@example.com");
        LinkDelivery deferred = link(tenant, newId("busy") + "@example.com");
        LinkDelivery after = link(tenant, newId("nobody-after") + "@example.com");

        Deliveries.PollInterrupted interrupted = catchThrowableOfType(Deliveries.PollInterrupted.class,
                () -> deliveries.deliverAll(List.of(before, deferred, after)));

        assertThat(interrupted.index()).isEqualTo(1);
        assertThat(interrupted.getCause()).isInstanceOf(TemporaryDeliveryFailure.class)
                .hasMessageContaining("attempt 1 failed temporarily: SMTP 451");
        assertThat(interrupted.published()).hasSize(1);
        interrupted.published().forEach(OutcomePublisher.Published::awaitAcknowledgement);
        assertThat(rcptsFor(before.recipient().value())).isEqualTo(1);
        assertThat(rcptsFor(deferred.recipient().value())).isEqualTo(1);
        assertThat(rcptsFor(after.recipient().value())).isZero();
        assertThat(deliveryRow(before.issuanceEventId())).containsEntry("status", "FAILED_PERMANENT")
                .containsEntry("attempts", 1);
        assertThat(deliveryRow(deferred.issuanceEventId())).containsEntry("status", "FAILED_TEMPORARY")
                .containsEntry("attempts", 1);
        assertThat(deliveryRow(after.issuanceEventId())).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        // the deferred link's outcome was acknowledged before the poll was given up
        assertThat(awaitOutcomes(deferred.issuanceEventId(), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.FAILED_TEMPORARY);
            assertThat(outcome.getAttempt()).isEqualTo(1);
        });
        assertThat(outcomes(after.issuanceEventId())).isEmpty();

        // delivered again (as the redelivered poll would be), the link after counts its first attempt
        deliveries.deliverAll(List.of(after)).forEach(OutcomePublisher.Published::awaitAcknowledgement);
        assertThat(deliveryRow(after.issuanceEventId())).containsEntry("status", "FAILED_PERMANENT")
                .containsEntry("attempts", 1);
    }

    private static LinkDelivery link(String tenant, String address) {
        String eventId = UUID.randomUUID().toString();
        return new LinkDelivery(eventId, tenant, "corr-" + eventId, newId("user"), newId("link"), false,
                Instant.now().plus(Duration.ofDays(7)), DeliveryChannel.EMAIL, new Secret(address), Mask.address(address),
                new Secret("https://portal.example/" + tenant + "/reset/" + newId("tok")), null);
    }
}
