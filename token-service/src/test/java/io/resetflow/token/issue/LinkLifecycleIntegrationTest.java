package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.testsupport.TopicLog;
import tools.jackson.databind.JsonNode;

/**
 * The link lifecycle of seed 003 on the real broker and database, with the service's clock frozen and moved
 * by the test: 7 days valid, the same link re-sent within 16 hours, a new link after that which replaces the
 * old one at once, a new link after use.
 */
class LinkLifecycleIntegrationTest extends TokenServiceIntegrationTestBase {

    private static final Duration TTL = Duration.ofDays(7);
    private static final Duration REUSE = Duration.ofHours(16);
    private static final Duration MS = Duration.ofMillis(1);

    private TopicLog linkIssued;
    private String tenant;
    private String user;
    private Instant t0;

    @BeforeEach
    void setUp() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
        tenant = newId("t");
        user = newId("u");
        t0 = clock.freeze();
    }

    @AfterEach
    void closeLog() {
        linkIssued.close();
    }

    @Test
    void a_link_is_valid_one_millisecond_before_its_seven_days_end_and_expired_at_exactly_seven_days() {
        JsonNode issued = decide(resetRequested(tenant, user, REUSE.toSeconds()));
        String token = issued.get("token").asString();
        assertThat(Instant.parse(issued.get("expiresAt").asString())).isEqualTo(t0.plus(TTL));

        clock.set(t0.plus(TTL).minus(MS));
        assertThat(status("verify", token)).isEqualTo("VALID");

        clock.set(t0.plus(TTL));
        assertThat(status("verify", token)).isEqualTo("EXPIRED");
        assertThat(status("redeem", token)).isEqualTo("EXPIRED");
    }

    @Test
    void a_link_redeemed_one_millisecond_before_it_expires_is_redeemed() {
        String token = decide(resetRequested(tenant, user, REUSE.toSeconds())).get("token").asString();

        clock.set(t0.plus(TTL).minus(MS));

        assertThat(status("redeem", token)).isEqualTo("REDEEMED");
    }

    @Test
    void within_the_reuse_window_the_same_link_is_resent_up_to_one_millisecond_before_its_end() {
        decide(resetRequested(tenant, user, REUSE.toSeconds()));
        clock.set(t0.plus(Duration.ofHours(1)));
        decide(resetRequested(tenant, user, REUSE.toSeconds()));
        clock.set(t0.plus(REUSE).minus(MS));
        JsonNode last = decide(resetRequested(tenant, user, REUSE.toSeconds()));

        List<ResetLinkIssued> events = awaitLinkIssued(linkIssued, tenant, user, 3);
        assertThat(events).extracting(ResetLinkIssued::getResend).containsExactly(false, true, true);
        assertThat(events).extracting(ResetLinkIssued::getLinkId).containsOnly(events.get(0).getLinkId());
        assertThat(events).extracting(e -> tokenOf(e)).containsOnly(tokenOf(events.get(0)));
        assertThat(last.get("status").asString()).isEqualTo("REUSED");
        assertThat(events.get(2).getIssuedAt()).isEqualTo(t0);
        assertThat(status("verify", tokenOf(events.get(0)))).isEqualTo("VALID");
    }

    @Test
    void at_the_end_of_the_reuse_window_a_new_link_is_minted_and_the_old_one_answers_replaced_at_once() {
        String old = decide(resetRequested(tenant, user, REUSE.toSeconds())).get("token").asString();
        clock.set(t0.plus(REUSE));

        JsonNode fresh = decide(resetRequested(tenant, user, REUSE.toSeconds()));

        List<ResetLinkIssued> events = awaitLinkIssued(linkIssued, tenant, user, 2);
        assertThat(events.get(1).getResend()).isFalse();
        assertThat(events.get(1).getLinkId()).isNotEqualTo(events.get(0).getLinkId());
        assertThat(fresh.get("status").asString()).isEqualTo("ISSUED");
        assertThat(fresh.get("token").asString()).isNotEqualTo(old);
        assertThat(status("verify", old)).isEqualTo("REPLACED");
        assertThat(status("redeem", old)).isEqualTo("REPLACED");
        assertThat(status("verify", fresh.get("token").asString())).isEqualTo("VALID");
        assertThat(Instant.parse(fresh.get("expiresAt").asString())).isEqualTo(t0.plus(REUSE).plus(TTL));
    }

    @Test
    void after_the_link_is_used_the_next_request_mints_a_new_one_even_within_the_reuse_window() {
        String used = decide(resetRequested(tenant, user, REUSE.toSeconds())).get("token").asString();
        clock.advance(Duration.ofMinutes(5));
        assertThat(status("redeem", used)).isEqualTo("REDEEMED");
        clock.advance(Duration.ofMinutes(5));

        JsonNode next = decide(resetRequested(tenant, user, REUSE.toSeconds()));

        List<ResetLinkIssued> events = awaitLinkIssued(linkIssued, tenant, user, 2);
        assertThat(next.get("status").asString()).isEqualTo("ISSUED");
        assertThat(events.get(1).getResend()).isFalse();
        assertThat(events.get(1).getLinkId()).isNotEqualTo(events.get(0).getLinkId());
        assertThat(status("verify", used)).isEqualTo("USED");
        assertThat(status("verify", next.get("token").asString())).isEqualTo("VALID");
    }

    private String status(String operation, String token) {
        return json(internal(operation, token)).get("status").asString();
    }
}
