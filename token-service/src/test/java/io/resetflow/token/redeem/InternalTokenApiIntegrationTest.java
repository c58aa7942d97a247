package io.resetflow.token.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.token.lifecycle.TokenHash;
import io.resetflow.testsupport.TopicLog;

/** The internal API of docs/contracts.md on a running service: single use, atomic, authenticated, JSON errors. */
class InternalTokenApiIntegrationTest extends TokenServiceIntegrationTestBase {

    private TopicLog linkIssued;

    @BeforeEach
    void openLog() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
    }

    @AfterEach
    void closeLog() {
        linkIssued.close();
    }

    /** A token minted the real way: a ResetRequested through Kafka, the link opened from the event. */
    private String mintedToken(String tenant, String user) {
        send(resetRequested(tenant, user, 60));
        return tokenOf(awaitLinkIssued(linkIssued, tenant, user, 1).get(0));
    }

    @Test
    void redeeming_twice_answers_redeemed_then_used() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested request = resetRequested(tenant, user, 60);
        send(request);
        ResetLinkIssued issued = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
        String token = tokenOf(issued);

        HttpResponse<String> first = internal("redeem", token);
        HttpResponse<String> second = internal("redeem", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("status").asString()).isEqualTo("REDEEMED");
        assertThat(json(first).get("tenantId").asString()).isEqualTo(tenant);
        assertThat(json(first).get("userId").asString()).isEqualTo(user);
        assertThat(json(first).get("linkId").asString()).isEqualTo(issued.getLinkId());
        assertThat(json(first).get("requestId").asString()).isEqualTo(request.getCorrelationId());
        assertThat(json(second).get("status").asString()).isEqualTo("USED");
        assertThat(json(internal("verify", token)).get("status").asString()).isEqualTo("USED");
    }

    @Test
    void verifying_never_consumes_the_token() {
        String token = mintedToken(newId("t"), newId("u"));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> verified = internal("verify", token);
            assertThat(json(verified).get("status").asString()).isEqualTo("VALID");
            assertThat(json(verified).get("expiresAt").asString()).isNotBlank();
        }
        HttpResponse<String> redeemed = post("/internal/v1/tokens/redeem", "Bearer " + INTERNAL_SECRET,
                "{\"token\":\"" + token + "\",\"via\":\"CONFIRM_API\"}");
        assertThat(json(redeemed).get("status").asString()).isEqualTo("REDEEMED");
    }

    @Test
    void of_eight_concurrent_redeems_of_one_token_exactly_one_succeeds() throws Exception {
        String token = mintedToken(newId("t"), newId("u"));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<String> redeem = () -> {
                    start.await();
                    return json(internal("redeem", token)).get("status").asString();
                };
                answers.add(pool.submit(redeem));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<String> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnlyOnce("REDEEMED");
            assertThat(statuses.stream().filter("USED"::equals).count()).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_unknown_token_is_unknown_with_no_ids() {
        HttpResponse<String> verified = internal("verify", "x".repeat(43));
        HttpResponse<String> redeemed = internal("redeem", "x".repeat(43));

        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json(verified).get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(json(verified).get("tenantId").isNull()).isTrue();
        assertThat(json(redeemed).get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(json(redeemed).get("userId").isNull()).isTrue();
    }

    @Test
    void an_expired_token_is_expired_and_cannot_be_redeemed() {
        String tenant = newId("t");
        String token = "expired-" + UUID.randomUUID();
        Instant issued = Instant.now().minus(Duration.ofDays(8));
        jdbc.sql("""
                insert into reset_tokens (link_id, tenant_id, user_id, token_hash, sealed_key_id, sealed_nonce,
                                          sealed_ciphertext, issued_at, expires_at)
                values (?, ?, ?, ?, 'at-rest-1', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant, "u-1", TokenHash.of(token), new byte[12], new byte[16],
                        issued.atOffset(ZoneOffset.UTC), issued.plus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC))
                .update();

        assertThat(json(internal("verify", token)).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(json(internal("redeem", token)).get("status").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void a_replaced_token_cannot_be_redeemed() {
        String tenant = newId("t");
        String user = newId("u");
        send(resetRequested(tenant, user, 0));
        String old = tokenOf(awaitLinkIssued(linkIssued, tenant, user, 1).get(0));
        send(resetRequested(tenant, user, 0));
        String current = tokenOf(awaitLinkIssued(linkIssued, tenant, user, 2).get(1));

        assertThat(json(internal("redeem", old)).get("status").asString()).isEqualTo("REPLACED");
        assertThat(json(internal("redeem", current)).get("status").asString()).isEqualTo("REDEEMED");
    }

    @Test
    void refuses_a_missing_or_wrong_secret_with_401_json() {
        String body = "{\"token\":\"abc\"}";
        for (String authorization : new String[]{null, "Bearer wrong-secret", "local-internal-secret",
                "Basic " + INTERNAL_SECRET, "Bearer " + INTERNAL_SECRET + "x", "Bearer "}) {
            for (String operation : new String[]{"verify", "redeem"}) {
                HttpResponse<String> response = post("/internal/v1/tokens/" + operation, authorization, body);
                assertThat(response.statusCode()).as(operation + " with " + authorization).isEqualTo(401);
                assertThat(json(response).get("error").asString()).isEqualTo("unauthorized");
            }
        }
    }

    @Test
    void bad_input_is_a_400_json_answer_never_a_500() {
        for (String body : new String[]{"{", "[]", "{}", "{\"token\":\"\"}", "{\"token\":42,\"x\":1}", "not json",
                "{\"token\":\"" + "a".repeat(600) + "\"}", "{\"token\":\"abc\",\"via\":\"EMAIL\"}"}) {
            HttpResponse<String> response = post("/internal/v1/tokens/redeem", "Bearer " + INTERNAL_SECRET, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("error").asString()).as(body).isEqualTo("bad_request");
        }
    }

    @Test
    void a_wrong_content_type_is_a_4xx_json_answer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/internal/v1/tokens/verify"))
                .header("Authorization", "Bearer " + INTERNAL_SECRET).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void health_and_prometheus_are_exposed() throws Exception {
        for (String path : new String[]{"/actuator/health", "/actuator/prometheus"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            if (path.endsWith("prometheus")) {
                assertThat(response.body()).contains("resetflow_outbox_unpublished", "resetflow_outbox_published_total");
            }
        }
    }
}
