package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.support.ResetRequestedLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throws thousands of random and mutated bodies, headers and content types at the intake: never a 500,
 * never a hang, always a JSON answer, and nothing published for a rejected request.
 */
class IntakeFuzzIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final int REQUESTS = 2000;
    private static final String[] SEEDS = {
            "{\"EmailAddress\":\"johnwick@example.com\"}",
            "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+14-157415569\"}}",
            "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+14-157415569\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}",
            "{\"SearchKeyData\":{\"SchemaName\":\"EmailAddress\",\"Value\":\"x@example.com\"}}",
    };
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;;",
            "", "*/*", "application/jsonx"};
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000",
            "\\ud800", "\u00e9", "\ud83d\ude00", "{\"$ref\":1}", "\"EmailAddress\"", "\"SearchKeyData\"", "\"SchemaName\"",
            "\"Value\"", "\"RecipientField\"", " ", "\n", "'", "/*", "NaN", "99999999999999999999999"};

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void random_and_mutated_requests_never_cause_a_500_a_hang_or_a_non_json_answer_and_rejections_publish_nothing() throws Exception {
        TestTenant tenant = newTenant(1_000_000, 5, false);
        Random random = new Random(20261123L);
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            String contentType = random.nextInt(4) == 0 ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : "application/json";
            String auth = switch (random.nextInt(10)) {
                case 0 -> "garbage " + random.nextInt();
                case 1 -> "Bearer";
                case 2 -> "Bearer  " + tenant.publicKey() + "\t";
                default -> tenant.publicKey();
            };
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/password-resets"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Authorization", auth);
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            if (random.nextInt(8) == 0) {
                request.header("Idempotency-Key", random.nextInt(3) == 0 ? "x".repeat(300) : "k" + random.nextInt(50));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(status + " for body " + body + " / " + contentType + ": " + response.body());
                continue;
            }
            JsonNode answer;
            try {
                answer = json.readTree(response.body());
            } catch (RuntimeException notJson) {
                failures.add("not JSON for body " + body + ": " + response.body());
                continue;
            }
            if (status == 200 && response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
                accepted++;
            }
            String expected = status == 200 ? "Success" : "Error";
            if (!expected.equals(answer.path("Status").asString()) || answer.path("Message").asString().isBlank()) {
                failures.add(status + " without Status/Message for body " + body + ": " + response.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(accepted).as("some mutations stay valid").isGreaterThan(50);

        int expected = accepted;
        try (ResetRequestedLog log = new ResetRequestedLog()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.poll(e -> e.getTenantId().equals(tenant.id())).size() >= expected);
            assertThat(log.poll(e -> e.getTenantId().equals(tenant.id()))).hasSize(expected);
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> { if (s.length() > 0) s.deleteCharAt(at); }
                case 1 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> s.insert(at, (char) random.nextInt(0x3000));
                case 3 -> s.replace(at, Math.min(s.length(), at + random.nextInt(6)), FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                default -> s.append("x".repeat(random.nextInt(3) == 0 ? 20_000 : 3));
            }
        }
        return s.toString();
    }
}
