package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;

/** Processed events (the idempotency guard) go after 7 days, nothing younger. */
class ProcessedEventsCleanupIntegrationTest extends TokenServiceIntegrationTestBase {

    @Autowired
    private ProcessedEventsCleanup processedEventsCleanup;

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

    private long processed(String eventId) {
        return jdbc.sql("select count(*) from processed_events where event_id = ?").param(eventId)
                .query(Long.class).single();
    }
}
