package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.TestMail;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.testsupport.Infrastructure;
import io.resetflow.testsupport.TopicLog;

/**
 * A database restart must not cost a user the email with their link: notifier-service cannot reach its database for
 * a while (sessions terminated, new ones refused), then can again; the link is emailed once and nothing is
 * dead-lettered.
 */
class DatabaseOutageIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    /** Longer than a failing record's retries took before (4 attempts at 100-400 ms, 1 s per connection wait). */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @DynamicPropertySource
    static void outage(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @Test
    void a_link_that_comes_while_the_database_is_away_is_emailed_once_it_is_back_and_never_dead_lettered() {
        String address = newId("outage") + "@example.com";
        ResetLinkIssued event = linkIssued(newId("tenant"), newId("user"), newId("link"), address,
                "https://portal.example/reset/" + newId("tok"), false);
        Infrastructure.shared().databaseReachable("notifier", false);
        try {
            send(event);
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> MAIL.to(address).isEmpty());
        } finally {
            Infrastructure.shared().databaseReachable("notifier", true);
        }

        assertThat(awaitOutcomes(event.getEventId(), 1).get(0).getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(MAIL.to(address)).hasSize(1);
        String key = Topics.key(event.getTenantId(), event.getUserId());
        // everything dead-lettered so far (it would have been before the outcome above): none of it is this record
        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.LINK_ISSUED))) {
            assertThat(deadLetters.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30)))
                    .extracting(TopicLog::describeDeadLetter).isEmpty();
        }
    }
}
