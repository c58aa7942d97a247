package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.resetflow.api.ApiServiceApplication;
import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.support.ResetRequestedLog;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.testsupport.Infrastructure;

/** Seed 001's API beyond the basic call: keys, limits, idempotency, fields, recipients, body limits. */
class IntakeCapabilitiesIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    Sealer sealer;
    @Autowired
    Directory directory;

    private final ResetRequestedLog log = new ResetRequestedLog();

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void the_rate_limit_is_shared_by_two_api_service_instances() throws Exception {
        // an hour's window: a permit comes back every 6 minutes, not within the test's own run on a slow machine
        TestTenant tenant = newTenant(10, 3600, false);
        try (ConfigurableApplicationContext second = secondInstance()) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            int ok = 0;
            int limited = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 14; i++) {
                int target = i % 2 == 0 ? port : secondPort;
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + "/v1/password-resets"))
                        .header("Authorization", tenant.publicKey()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"EmailAddress\":\"nobody@example.com\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    ok++;
                } else if (last.statusCode() == 429) {
                    limited++;
                }
            }
            assertThat(ok).isEqualTo(10);
            assertThat(limited).isEqualTo(4);
            assertThat(last.body()).contains("\"Status\":\"Error\"").contains("API calls exceeded the limit of 10 in 3600 second(s)");
            assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Integer.parseInt(v)).isBetween(1, 3600));
        }
    }

    @Test
    void keys_can_be_created_rotated_and_revoked_with_a_secret_key_only() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> byPublic = send("POST", "/v1/admin/api-keys", tenant.publicKey(), "{\"Kind\":\"PUBLIC\"}");
        assertThat(byPublic.statusCode()).isEqualTo(401);
        assertThat(byPublic.body()).contains("secret key");

        HttpResponse<String> created = send("POST", "/v1/admin/api-keys", tenant.secretKey(), "{\"Kind\":\"PUBLIC\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String newKey = field(created.body(), "Key");
        String newId = field(created.body(), "Id");
        assertThat(newKey).startsWith("rf_pub_").hasSizeGreaterThan(40);

        assertThat(reset(newKey, "{\"EmailAddress\":\"x@example.com\"}").statusCode()).isEqualTo(200);
        assertThat(reset(tenant.publicKey(), "{\"EmailAddress\":\"x@example.com\"}").statusCode())
                .as("the old key stays valid during the rotation").isEqualTo(200);
        HttpResponse<String> listed = send("GET", "/v1/admin/api-keys", tenant.secretKey(), null);
        assertThat(listed.body()).contains(newId).contains("\"LastUsedAt\"").doesNotContain(newKey);

        assertThat(send("DELETE", "/v1/admin/api-keys/" + newId, tenant.secretKey(), null).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = reset(newKey, "{\"EmailAddress\":\"x@example.com\"}");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/v1/admin/api-keys/" + UUID.randomUUID(), tenant.secretKey(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_same_idempotency_key_and_body_returns_the_first_answer_and_publishes_nothing_new() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        String key = UUID.randomUUID().toString();
        String body = "{\"EmailAddress\":\"retry@example.com\"}";
        HttpResponse<String> first = send("POST", "/v1/password-resets", tenant.publicKey(), body, "Idempotency-Key", key);
        HttpResponse<String> second = send("POST", "/v1/password-resets", tenant.publicKey(), body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        HttpResponse<String> different = send("POST", "/v1/password-resets", tenant.publicKey(),
                "{\"EmailAddress\":\"other@example.com\"}", "Idempotency-Key", key);
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(different.body()).contains("different request body");

        String marker = send("POST", "/v1/password-resets", tenant.publicKey(), body).body();
        String markerId = field(marker, "RequestId");
        await().atMost(Duration.ofSeconds(20)).until(() -> !log.poll(e -> e.getCorrelationId().equals(markerId)).isEmpty());
        assertThat(log.poll(e -> e.getTenantId().equals(tenant.id()))).hasSize(2);
    }

    @Test
    void recipient_field_sends_to_an_alternate_email_or_by_sms_refuses_text_fields_and_hides_an_empty_one() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        directory.defineField(tenant.id(), "AlternateEmail", FieldType.EMAIL);
        directory.defineField(tenant.id(), "MemberNumber", FieldType.TEXT);
        directory.createIfMissing(tenant.id(), new NewUser("carol@example.com", "+447700900123", "Carol", "C", null,
                Map.of("AlternateEmail", "carol.home@example.com", "MemberNumber", "M-77")));
        directory.createIfMissing(tenant.id(), new NewUser("dan@example.com", null, "Dan", "D", null, Map.of()));

        String toAlternate = field(reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"MemberNumber\",\"Value\":\"M-77\"},\"RecipientField\":{\"SchemaName\":\"AlternateEmail\"}}")
                .body(), "RequestId");
        String bySms = field(reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+44 7700 900123\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}")
                .body(), "RequestId");

        var alternate = await().atMost(Duration.ofSeconds(20)).until(() -> log.poll(e -> e.getCorrelationId().equals(toAlternate)),
                l -> !l.isEmpty()).get(0).event();
        assertThat(alternate.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(sealer.open(SealedValue.fromAvro(alternate.getRecipient()), "recipient:" + tenant.id())).isEqualTo("carol.home@example.com");
        var sms = await().atMost(Duration.ofSeconds(20)).until(() -> log.poll(e -> e.getCorrelationId().equals(bySms)),
                l -> !l.isEmpty()).get(0).event();
        assertThat(sms.getChannel()).isEqualTo(Channel.SMS);
        assertThat(sealer.open(SealedValue.fromAvro(sms.getRecipient()), "recipient:" + tenant.id())).isEqualTo("+447700900123");
        assertThat(sms.getMaskedRecipient()).doesNotContain("7700900");

        HttpResponse<String> textField = reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"EmailAddress\",\"Value\":\"carol@example.com\"},\"RecipientField\":{\"SchemaName\":\"MemberNumber\"}}");
        assertThat(textField.statusCode()).isEqualTo(400);
        assertThat(textField.body()).contains("phone or email");

        // dan has no phone: this tenant hides which accounts exist, so he gets the answer an unknown account gets
        // (anything else would tell "known" from "unknown"), and the request is recorded without an address
        HttpResponse<String> empty = reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"EmailAddress\",\"Value\":\"dan@example.com\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}");
        HttpResponse<String> unknown = reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"EmailAddress\",\"Value\":\"nobody@example.com\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}");
        assertThat(empty.statusCode()).isEqualTo(200).isEqualTo(unknown.statusCode());
        assertThat(empty.body().replaceAll("\"RequestId\":\"[^\"]+\"", ""))
                .isEqualTo(unknown.body().replaceAll("\"RequestId\":\"[^\"]+\"", ""));
        String emptyId = field(empty.body(), "RequestId");
        var noAddress = await().atMost(Duration.ofSeconds(20)).until(() -> log.poll(e -> e.getCorrelationId().equals(emptyId)),
                l -> !l.isEmpty()).get(0).event();
        assertThat(noAddress.getUserId()).isNotNull();
        assertThat(noAddress.getChannel()).isEqualTo(Channel.SMS);
        assertThat(noAddress.getRecipient()).isNull();
        assertThat(noAddress.getMaskedRecipient()).isNull();
    }

    @Test
    void a_tenant_that_reveals_unknown_accounts_also_says_when_the_recipient_field_is_empty() throws Exception {
        TestTenant tenant = newTenant(100, 5, true);
        directory.createIfMissing(tenant.id(), new NewUser("erin@example.com", null, "Erin", "E", null, Map.of()));
        HttpResponse<String> empty = reset(tenant.publicKey(),
                "{\"SearchKeyData\":{\"SchemaName\":\"EmailAddress\",\"Value\":\"erin@example.com\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("RecipientField 'Phone' is empty for this account");
    }

    @Test
    void a_tenant_that_reveals_unknown_accounts_gets_a_clear_error_for_them() throws Exception {
        TestTenant tenant = newTenant(100, 5, true);
        HttpResponse<String> response = reset(tenant.publicKey(), "{\"EmailAddress\":\"ghost@example.com\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"Status\":\"Error\"").contains("No account is registered");
    }

    @Test
    void bodies_over_16_kib_are_refused_whether_sized_or_chunked() throws Exception {
        String big = "{\"EmailAddress\":\"" + "a".repeat(17 * 1024) + "@example.com\"}";
        HttpResponse<String> sized = reset(PUBLIC_KEY, big);
        assertThat(sized.statusCode()).isEqualTo(400);
        assertThat(sized.body()).contains("larger than 16 KiB");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/password-resets"))
                .header("Authorization", PUBLIC_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big))).build();
        HttpResponse<String> response = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("larger than 16 KiB");
    }

    private HttpResponse<String> reset(String key, String body) throws Exception {
        return send("POST", "/v1/password-resets", key, body);
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static ConfigurableApplicationContext secondInstance() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ApiServiceApplication.class).profiles("local");
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--resetflow.token-service.url=http://127.0.0.1:9"));
        Infrastructure.shared().springProperties("api").forEach((k, v) -> args.add("--" + k + "=" + v));
        return builder.run(args.toArray(String[]::new));
    }
}
