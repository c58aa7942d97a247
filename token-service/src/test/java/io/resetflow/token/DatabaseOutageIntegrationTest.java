package io.resetflow.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.testsupport.Infrastructure;
import io.resetflow.testsupport.TopicLog;

/**
 * A database restart must not cost a user the reset link that was promised (the intake answered 200): token-service
 * cannot reach its database for a while (its sessions terminated, new ones refused, as in a restart or failover),
 * then can again; the request is decided once, and nothing is dead-lettered meanwhile.
 */
class DatabaseOutageIntegrationTest extends TokenServiceIntegrationTestBase {

    /** Longer than the retries of a failing record took before (4 attempts, 200 ms apart, 1 s per connection wait). */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @DynamicPropertySource
    static void outage(DynamicPropertyRegistry registry) {
        // a consumer group of its own, so that this context (and no other cached one) takes the request; a short
        // wait for a connection, so that each attempt during the outage fails fast
        registry.add("spring.kafka.consumer.group-id", () -> "token-outage-" + UUID.randomUUID());
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @Test
    void a_request_that_comes_while_the_database_is_away_is_decided_once_it_is_back_and_never_dead_lettered() {
        String tenant = newId("t");
        String user = newId("u");
        String key = Topics.key(tenant, user);
        try (TopicLog linkIssued = new TopicLog(Topics.LINK_ISSUED)) {
            ResetRequested request = resetRequested(tenant, user, 60);
            Infrastructure.shared().databaseReachable("token", false);
            try {
                send(request);
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> linkIssued.pollKeys(key::equals).isEmpty());
            } finally {
                Infrastructure.shared().databaseReachable("token", true);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> linkIssued.pollKeys(key::equals).size() == 1);
            assertThat(decode(linkIssued.pollKeys(key::equals).get(0).value()).getCausationId())
                    .isEqualTo(request.getEventId());
        }
        // everything dead-lettered so far (it would have been before the outcome above): none of it is this record
        try (TopicLog deadLetters = new TopicLog(Topics.deadLetter(Topics.RESET_REQUESTED))) {
            assertThat(deadLetters.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30)))
                    .extracting(TopicLog::describeDeadLetter).isEmpty();
        }
    }
}
