package io.resetflow.token.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.token.issue.ProcessedEventsCleanup;

/** Published outbox rows go after 1 day, processed events after 7 days; nothing younger, nothing unpublished. */
class HousekeepingIntegrationTest extends TokenServiceIntegrationTestBase {

    @Autowired
    private OutboxCleanup outboxCleanup;
    @Autowired
    private ProcessedEventsCleanup processedEventsCleanup;
    @Autowired
    private OutboxRelay relay;

    @Test
    void published_outbox_rows_are_deleted_once_older_than_one_day() {
        String tenant = newId("t");
        String user = newId("u");
        Instant t0 = clock.freeze();
        decide(resetRequested(tenant, user, 60));
        String key = Topics.key(tenant, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(key, "published_at is not null") == 1);

        clock.set(t0.plus(Duration.ofDays(1)));
        outboxCleanup.deletePublished();
        assertThat(outboxRows(key, "true")).isEqualTo(1);

        clock.set(t0.plus(Duration.ofDays(1)).plusMillis(1));
        outboxCleanup.deletePublished();
        assertThat(outboxRows(key, "true")).isZero();
    }

    @Test
    void unpublished_outbox_rows_are_never_deleted() {
        String tenant = newId("t");
        String user = newId("u");
        String key = Topics.key(tenant, user);
        Instant t0 = clock.freeze();
        relay.stop();
        try {
            send(resetRequested(tenant, user, 60));
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(key, "published_at is null") == 1);

            clock.set(t0.plus(Duration.ofDays(30)));
            outboxCleanup.deletePublished();

            assertThat(outboxRows(key, "published_at is null")).isEqualTo(1);
        } finally {
            relay.start();
        }
    }

    @Test
    void processed_events_are_deleted_once_older_than_seven_days() {
        String tenant = newId("t");
        Instant t0 = clock.freeze();
        ResetRequested request = resetRequested(tenant, newId("u"), 60);
        decide(request);

        clock.set(t0.plus(Duration.ofDays(7)));
        processedEventsCleanup.deleteOld();
        assertThat(processed(request.getEventId())).isEqualTo(1);

        clock.set(t0.plus(Duration.ofDays(7)).plusMillis(1));
        processedEventsCleanup.deleteOld();
        assertThat(processed(request.getEventId())).isZero();
    }

    private long outboxRows(String key, String condition) {
        return jdbc.sql("select count(*) from outbox where record_key = ? and " + condition).param(key)
                .query(Long.class).single();
    }

    private long processed(String eventId) {
        return jdbc.sql("select count(*) from processed_events where event_id = ?").param(eventId)
                .query(Long.class).single();
    }
}
