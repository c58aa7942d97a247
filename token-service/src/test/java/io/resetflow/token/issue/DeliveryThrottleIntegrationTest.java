package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.testsupport.TopicLog;

/**
 * The per-user delivery throttle (DESIGN.md section 2, issue 4): at most deliveriesPerUserPerHour deliveries
 * in any rolling hour, counted from token-service's own decisions, safe under concurrency.
 */
class DeliveryThrottleIntegrationTest extends TokenServiceIntegrationTestBase {

    private static final long REUSE_16H = Duration.ofHours(16).toSeconds();

    @Autowired
    private TokenIssuer issuer;

    private TopicLog throttled;
    private TopicLog linkIssued;
    private String tenant;
    private String user;

    @BeforeEach
    void setUp() {
        throttled = new TopicLog(Topics.THROTTLED);
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
        tenant = newId("t");
        user = newId("u");
    }

    @AfterEach
    void closeLogs() {
        throttled.close();
        linkIssued.close();
    }

    @Test
    void the_sixth_request_within_an_hour_is_throttled_sends_nothing_and_publishes_request_throttled() {
        clock.freeze();
        List<ResetRequested> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(resetRequested(tenant, user, REUSE_16H));
        }

        List<String> decisions = requests.stream().map(r -> decide(r).get("status").asString()).toList();

        assertThat(decisions).containsExactly("ISSUED", "REUSED", "REUSED", "REUSED", "REUSED", "THROTTLED");
        awaitLinkIssued(linkIssued, tenant, user, 5);
        ResetRequestThrottled event = awaitThrottled(1).get(0);
        ResetRequested sixth = requests.get(5);
        assertThat(event.getCorrelationId()).isEqualTo(sixth.getCorrelationId());
        assertThat(event.getCausationId()).isEqualTo(sixth.getEventId());
        assertThat(event.getUserId()).isEqualTo(user);
        assertThat(event.getDeliveriesInWindow()).isEqualTo(5);
        assertThat(event.getLimit()).isEqualTo(5);
        assertThat(event.getWindowSeconds()).isEqualTo(3600L);
        assertThat(event.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(event.getMaskedRecipient()).isEqualTo("s***@example.com");
        assertThat(event.getReason()).isEqualTo("DELIVERIES_PER_USER_PER_HOUR");
        assertThat(jdbc.sql("select decision from processed_events where event_id = ?").param(sixth.getEventId())
                .query(String.class).single()).isEqualTo("THROTTLED");
    }

    @Test
    void the_window_rolls_deliveries_resume_exactly_one_hour_after_the_oldest_counted_delivery() {
        Instant t0 = clock.freeze();
        for (int i = 0; i < 5; i++) {
            clock.set(t0.plus(Duration.ofMinutes(10L * i)));
            assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isNotEqualTo("THROTTLED");
        }

        clock.set(t0.plus(Duration.ofMinutes(50)));
        assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isEqualTo("THROTTLED");
        clock.set(t0.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isEqualTo("THROTTLED");

        clock.set(t0.plus(Duration.ofHours(1)));
        assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isEqualTo("REUSED");

        clock.set(t0.plus(Duration.ofHours(1)).plusMillis(1));
        assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isEqualTo("THROTTLED");

        awaitLinkIssued(linkIssued, tenant, user, 6);
        assertThat(awaitThrottled(3)).extracting(ResetRequestThrottled::getDeliveriesInWindow).containsOnly(5);
    }

    @Test
    void the_limit_comes_from_the_request_and_an_hour_later_deliveries_resume() {
        Instant t0 = clock.freeze();
        assertThat(decide(withLimit(resetRequested(tenant, user, 0), 2)).get("status").asString()).isEqualTo("ISSUED");
        assertThat(decide(withLimit(resetRequested(tenant, user, 0), 2)).get("status").asString()).isEqualTo("ISSUED");
        assertThat(decide(withLimit(resetRequested(tenant, user, 0), 2)).get("status").asString()).isEqualTo("THROTTLED");

        clock.set(t0.plus(Duration.ofHours(1)));

        assertThat(decide(withLimit(resetRequested(tenant, user, 0), 2)).get("status").asString()).isEqualTo("ISSUED");
        assertThat(awaitThrottled(1).get(0).getLimit()).isEqualTo(2);
    }

    @Test
    void returned_tokens_are_not_deliveries_and_do_not_count_against_the_throttle() {
        clock.freeze();
        for (int i = 0; i < 6; i++) {
            assertThat(decide(returningToken(resetRequested(tenant, user, REUSE_16H))).get("status").asString())
                    .isIn("ISSUED", "REUSED");
        }

        assertThat(decide(resetRequested(tenant, user, REUSE_16H)).get("status").asString()).isEqualTo("REUSED");
        String key = Topics.key(tenant, user);
        awaitOutboxDrained(key);
        assertThat(throttled.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void a_return_token_request_over_the_limit_is_throttled_too() {
        clock.freeze();
        for (int i = 0; i < 5; i++) {
            decide(resetRequested(tenant, user, REUSE_16H));
        }

        assertThat(decide(returningToken(resetRequested(tenant, user, REUSE_16H))).get("status").asString())
                .isEqualTo("THROTTLED");
    }

    @Test
    void concurrent_requests_for_one_user_cannot_slip_under_the_limit() throws Exception {
        clock.freeze();
        int concurrent = 12;
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<DecisionKind>> decisions = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                ResetRequest request = new ResetRequest(UUID.randomUUID().toString(), tenant, UUID.randomUUID().toString(),
                        user, DeliveryChannel.EMAIL, EVENT_SEALER.seal("a@example.com", "recipient:" + tenant),
                        "a***@example.com", "https://portal.example", Duration.ofDays(7), Duration.ZERO, 5);
                decisions.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return issuer.handle(request);
                }, pool));
            }
            start.countDown();

            Map<DecisionKind, Long> counts = decisions.stream().map(CompletableFuture::join)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                    Map.of(DecisionKind.ISSUED, 5L, DecisionKind.THROTTLED, (long) concurrent - 5));
            assertThat(jdbc.sql("""
                    select count(*) from reset_tokens where tenant_id = ? and user_id = ?
                    and used_at is null and replaced_at is null""").params(tenant, user).query(Long.class).single())
                    .isEqualTo(1L);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ResetRequestThrottled> awaitThrottled(int n) {
        String key = Topics.key(tenant, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> throttled.pollKeys(key::equals).size() >= n);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> throttled.pollKeys(key::equals).size() == n);
        return throttled.pollKeys(key::equals).stream()
                .map(r -> (ResetRequestThrottled) decodeAny(Topics.THROTTLED, r.value())).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
