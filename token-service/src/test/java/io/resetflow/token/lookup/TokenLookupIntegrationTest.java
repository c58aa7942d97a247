package io.resetflow.token.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.testsupport.TopicLog;
import tools.jackson.databind.JsonNode;

/** for-request and latest (docs/contracts.md): the decision on a request with its link, scoped by tenant. */
class TokenLookupIntegrationTest extends TokenServiceIntegrationTestBase {

    private static final long REUSE_16H = Duration.ofHours(16).toSeconds();

    private TopicLog linkIssued;

    @BeforeEach
    void openLog() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
    }

    @AfterEach
    void closeLog() {
        linkIssued.close();
    }

    @Test
    void for_request_waits_for_the_decision_and_answers_issued_with_the_link_that_was_sent() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested request = resetRequested(tenant, user, REUSE_16H);

        JsonNode decision = decide(request);

        ResetLinkIssued issued = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
        assertThat(decision.get("status").asString()).isEqualTo("ISSUED");
        assertThat(decision.get("userId").asString()).isEqualTo(user);
        assertThat(decision.get("linkId").asString()).isEqualTo(issued.getLinkId());
        assertThat(decision.get("link").asString()).isEqualTo(openLink(issued));
        assertThat(decision.get("token").asString()).isEqualTo(tokenOf(issued));
        assertThat(decision.get("issuedAt").asString()).isNotBlank();
        assertThat(decision.get("expiresAt").asString()).isNotBlank();
        assertThat(json(internal("verify", decision.get("token").asString())).get("status").asString())
                .isEqualTo("VALID");
    }

    @Test
    void a_second_request_within_the_reuse_window_answers_reused_with_the_same_link_and_token() {
        String tenant = newId("t");
        String user = newId("u");
        JsonNode first = decide(resetRequested(tenant, user, REUSE_16H));

        JsonNode second = decide(resetRequested(tenant, user, REUSE_16H));

        assertThat(second.get("status").asString()).isEqualTo("REUSED");
        assertThat(second.get("linkId").asString()).isEqualTo(first.get("linkId").asString());
        assertThat(second.get("token").asString()).isEqualTo(first.get("token").asString());
        assertThat(second.get("link").asString()).isEqualTo(first.get("link").asString());
    }

    @Test
    void a_return_token_request_is_issued_on_channel_none_and_its_token_comes_back() {
        String tenant = newId("t");
        String user = newId("u");

        JsonNode decision = decide(returningToken(resetRequested(tenant, user, REUSE_16H)));

        ResetLinkIssued issued = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
        assertThat(issued.getChannel()).isEqualTo(Channel.NONE);
        assertThat(decision.get("status").asString()).isEqualTo("ISSUED");
        assertThat(decision.get("token").asString()).isEqualTo(tokenOf(issued)).hasSize(43);
        assertThat(jdbc.sql("select channel from processed_events where correlation_id = ?")
                .param(issued.getCorrelationId()).query(String.class).single()).isEqualTo("NONE");
    }

    @Test
    void a_return_token_request_without_an_address_is_still_issued() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested request = ResetRequested.newBuilder(returningToken(resetRequested(tenant, user, REUSE_16H)))
                .setRecipient(null).setMaskedRecipient(null).setChannel(Channel.NONE).build();

        JsonNode decision = decide(request);

        assertThat(decision.get("status").asString()).isEqualTo("ISSUED");
        assertThat(awaitLinkIssued(linkIssued, tenant, user, 1).get(0).getChannel()).isEqualTo(Channel.NONE);
    }

    @Test
    void an_unknown_account_answers_ignored_unknown_without_link_or_token() {
        String tenant = newId("t");

        JsonNode decision = decide(resetRequested(tenant, null, REUSE_16H));

        assertThat(decision.get("status").asString()).isEqualTo("IGNORED_UNKNOWN");
        assertThat(decision.get("link").isNull()).isTrue();
        assertThat(decision.get("token").isNull()).isTrue();
        assertThat(decision.get("userId").isNull()).isTrue();
    }

    @Test
    void another_tenants_request_answers_pending_and_never_its_token() {
        String tenant = newId("t");
        ResetRequested request = resetRequested(tenant, newId("u"), REUSE_16H);
        decide(request);

        JsonNode foreign = forRequest(newId("other"), request.getCorrelationId());

        assertThat(foreign.get("status").asString()).isEqualTo("PENDING");
        assertThat(foreign.get("token").isNull()).isTrue();
        assertThat(foreign.get("link").isNull()).isTrue();
        assertThat(foreign.get("userId").isNull()).isTrue();
    }

    @Test
    void a_request_that_was_never_decided_answers_pending_after_about_five_seconds() {
        long started = System.nanoTime();

        JsonNode decision = forRequest(newId("t"), UUID.randomUUID().toString());

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(decision.get("status").asString()).isEqualTo("PENDING");
        assertThat(waited).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(20)); // the lower bound is the point
    }

    @Test
    void latest_answers_the_newest_live_link_and_none_once_it_is_used() {
        String tenant = newId("t");
        String user = newId("u");
        assertThat(latest(tenant, user).get("status").asString()).isEqualTo("NONE");
        JsonNode first = decide(resetRequested(tenant, user, 0));
        JsonNode second = decide(resetRequested(tenant, user, 0));

        JsonNode live = latest(tenant, user);

        assertThat(live.get("status").asString()).isEqualTo("LIVE");
        assertThat(live.get("linkId").asString()).isEqualTo(second.get("linkId").asString())
                .isNotEqualTo(first.get("linkId").asString());
        assertThat(live.get("link").asString()).isEqualTo(second.get("link").asString());
        assertThat(live.has("token")).isFalse();
        assertThat(latest(newId("other"), user).get("status").asString()).isEqualTo("NONE");

        assertThat(json(internal("redeem", second.get("token").asString())).get("status").asString())
                .isEqualTo("REDEEMED");
        JsonNode none = latest(tenant, user);
        assertThat(none.get("status").asString()).isEqualTo("NONE");
        assertThat(none.get("link").isNull()).isTrue();
    }

    @Test
    void latest_answers_none_once_the_link_expired() {
        String tenant = newId("t");
        String user = newId("u");
        clock.freeze();
        decide(resetRequested(tenant, user, REUSE_16H));

        clock.advance(Duration.ofDays(7));

        assertThat(latest(tenant, user).get("status").asString()).isEqualTo("NONE");
    }

    @Test
    void for_request_and_latest_refuse_a_missing_secret_and_bad_bodies() {
        for (String path : new String[]{"/internal/v1/tokens/for-request", "/internal/v1/tokens/latest"}) {
            HttpResponse<String> unauthorized = post(path, null, "{\"tenantId\":\"t\",\"requestId\":\"r\",\"userId\":\"u\"}");
            assertThat(unauthorized.statusCode()).as(path).isEqualTo(401);
            for (String body : new String[]{"{", "{}", "{\"tenantId\":\"\"}", "[]", "{\"tenantId\":\"t\",\"x\":1}"}) {
                HttpResponse<String> bad = post(path, "Bearer " + INTERNAL_SECRET, body);
                assertThat(bad.statusCode()).as(path + " " + body).isEqualTo(400);
                assertThat(json(bad).get("error").asString()).isEqualTo("bad_request");
            }
        }
    }
}
