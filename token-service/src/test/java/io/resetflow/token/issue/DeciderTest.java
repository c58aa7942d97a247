package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.token.lifecycle.ResetToken;

class DeciderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofDays(7);
    private static final Duration REUSE = Duration.ofHours(16);

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void issues_a_new_token_when_the_user_has_none() {
        assertThat(Decider.decide(request("u1"), Optional.empty(), clock.instant())).isInstanceOf(Decision.Issue.class);
    }

    @Test
    void reissues_same_link_within_reuse_window() {
        ResetToken live = tokenIssuedAt(T0);
        clock.advance(REUSE.minusMinutes(1));

        Decision decision = Decider.decide(request("u1"), Optional.of(live), clock.instant());

        assertThat(decision).isEqualTo(new Decision.Reuse(live));
    }

    @Test
    void mints_a_new_token_once_the_reuse_window_has_passed() {
        ResetToken live = tokenIssuedAt(T0);
        clock.advance(REUSE);

        assertThat(Decider.decide(request("u1"), Optional.of(live), clock.instant())).isInstanceOf(Decision.Issue.class);
    }

    @Test
    void does_not_reuse_a_used_token_even_within_the_window() {
        ResetToken used = withUsedAt(tokenIssuedAt(T0), T0.plusSeconds(60));
        clock.advance(Duration.ofMinutes(5));

        assertThat(Decider.decide(request("u1"), Optional.of(used), clock.instant())).isInstanceOf(Decision.Issue.class);
    }

    @Test
    void does_not_reuse_an_expired_token_even_within_the_window() {
        ResetToken shortLived = new ResetToken(UUID.randomUUID(), "t1", "u1", T0, T0.plus(Duration.ofHours(1)), null, null);
        clock.advance(Duration.ofHours(2));

        assertThat(Decider.decide(request("u1"), Optional.of(shortLived), clock.instant()))
                .isInstanceOf(Decision.Issue.class);
    }

    @Test
    void does_not_reuse_a_replaced_token() {
        ResetToken replaced = new ResetToken(UUID.randomUUID(), "t1", "u1", T0, T0.plus(TTL), null, T0.plusSeconds(1));
        clock.advance(Duration.ofMinutes(1));

        assertThat(Decider.decide(request("u1"), Optional.of(replaced), clock.instant()))
                .isInstanceOf(Decision.Issue.class);
    }

    @Test
    void ignores_a_request_for_an_unknown_account() {
        assertThat(Decider.decide(request(null), Optional.empty(), clock.instant()))
                .isInstanceOf(Decision.IgnoreUnknownUser.class);
    }

    @Test
    void rejects_a_known_user_without_a_recipient() {
        ResetRequest noRecipient = new ResetRequest("e1", "t1", "c1", "u1", DeliveryChannel.EMAIL, null, null,
                "https://portal.example", TTL, REUSE, 5);

        assertThat(Decider.decide(noRecipient, Optional.empty(), clock.instant()))
                .isInstanceOf(Decision.RejectNoRecipient.class);
    }

    @Test
    void a_zero_reuse_window_always_mints_a_new_token() {
        ResetRequest noReuse = new ResetRequest("e1", "t1", "c1", "u1", DeliveryChannel.EMAIL, recipient(), "j***@x.org",
                "https://portal.example", TTL, Duration.ZERO, 5);

        assertThat(Decider.decide(noReuse, Optional.of(tokenIssuedAt(T0)), clock.instant()))
                .isInstanceOf(Decision.Issue.class);
    }

    @Test
    void throttles_a_user_who_already_had_the_limit_of_deliveries_in_the_window() {
        assertThat(Decider.decide(request("u1"), Optional.of(tokenIssuedAt(T0)), 5, clock.instant()))
                .isEqualTo(new Decision.Throttle(5, 5));
    }

    @Test
    void one_delivery_under_the_limit_is_not_throttled() {
        assertThat(Decider.decide(request("u1"), Optional.of(tokenIssuedAt(T0)), 4, clock.instant()))
                .isInstanceOf(Decision.Reuse.class);
    }

    @Test
    void a_limit_of_zero_switches_the_throttle_off() {
        ResetRequest unlimited = new ResetRequest("e1", "t1", "c1", "u1", DeliveryChannel.EMAIL, recipient(), "j***@x.org",
                "https://portal.example", TTL, REUSE, 0);

        assertThat(Decider.decide(unlimited, Optional.empty(), 1_000, clock.instant())).isInstanceOf(Decision.Issue.class);
    }

    @Test
    void an_unknown_account_is_ignored_not_throttled() {
        assertThat(Decider.decide(request(null), Optional.empty(), 99, clock.instant()))
                .isInstanceOf(Decision.IgnoreUnknownUser.class);
    }

    @Test
    void a_returned_token_needs_no_recipient_and_goes_out_on_channel_none() {
        ResetRequest returned = new ResetRequest("e1", "t1", "c1", "u1", DeliveryChannel.EMAIL, null, null,
                "https://portal.example", TTL, REUSE, 5, true);

        assertThat(Decider.decide(returned, Optional.empty(), 0, clock.instant())).isInstanceOf(Decision.Issue.class);
        assertThat(returned.effectiveChannel()).isEqualTo(DeliveryChannel.NONE);
        assertThat(returned.delivers()).isFalse();
    }

    private static ResetRequest request(String userId) {
        return new ResetRequest(UUID.randomUUID().toString(), "t1", "c1", userId, DeliveryChannel.EMAIL, recipient(),
                "j***@example.com", "https://portal.example/", TTL, REUSE, 5);
    }

    private static SealedValue recipient() {
        return new SealedValue("k1", new byte[12], new byte[20]);
    }

    private static ResetToken tokenIssuedAt(Instant issuedAt) {
        return new ResetToken(UUID.randomUUID(), "t1", "u1", issuedAt, issuedAt.plus(TTL), null, null);
    }

    private static ResetToken withUsedAt(ResetToken token, Instant usedAt) {
        return new ResetToken(token.linkId(), token.tenantId(), token.userId(), token.issuedAt(), token.expiresAt(),
                usedAt, token.replacedAt());
    }

    /** A clock the test moves forward explicitly. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
