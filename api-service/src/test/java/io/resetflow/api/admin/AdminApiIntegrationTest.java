package io.resetflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.testsupport.Infrastructure;

/** The admin API on its own (flows that need token-service are covered end to end). */
class AdminApiIntegrationTest extends ApiServiceIntegrationTestBase {

    @Test
    void settings_changes_are_validated_stored_and_published_on_the_compacted_topic() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> patched = send("PATCH", "/v1/admin/settings", tenant.secretKey(),
                "{\"ReuseWindow\":\"PT8H\",\"TokenTtl\":\"P3D\",\"SetPasswordWebhookUrl\":\"https://hooks.example.com/reset\","
                        + "\"SenderName\":\"Example Portal\",\"SmsAllowedCountryCodes\":[\"1\",\"44\"]}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"ReuseWindow\":\"PT8H\"").contains("\"TokenTtl\":\"PT72H\"")
                .contains("https://hooks.example.com/reset");
        assertThat(send("GET", "/v1/admin/settings", tenant.secretKey(), null).body()).contains("Example Portal");

        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.TENANT_SETTINGS)) {
            List<ConsumerRecord<String, byte[]>> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> tenant.id().equals(r.key()));
            });
            TenantSettingsChanged event = (TenantSettingsChanged) new AvroEventDeserializer()
                    .deserialize(Topics.TENANT_SETTINGS, seen.stream().filter(r -> tenant.id().equals(r.key())).findFirst().orElseThrow().value());
            assertThat(event.getReuseWindowSeconds()).isEqualTo(Duration.ofHours(8).toSeconds());
            assertThat(event.getSetPasswordWebhookUrl()).isEqualTo("https://hooks.example.com/reset");
            assertThat(event.getSmsAllowedCountryCodes()).containsExactly("1", "44");
        }
    }

    @Test
    void invalid_settings_are_refused_with_what_is_allowed() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        assertThat(send("PATCH", "/v1/admin/settings", tenant.secretKey(), "{\"TokenTtl\":\"seven days\"}").body())
                .contains("ISO-8601");
        assertThat(send("PATCH", "/v1/admin/settings", tenant.secretKey(), "{\"ReuseWindow\":\"P9D\"}").body())
                .contains("must not be longer than TokenTtl");
        HttpResponse<String> http = send("PATCH", "/v1/admin/settings", tenant.secretKey(),
                "{\"SetPasswordWebhookUrl\":\"http://hooks.example.com\"}");
        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(http.body()).contains("https");
        assertThat(send("PATCH", "/v1/admin/settings", tenant.publicKey(), "{\"SenderName\":\"x\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void users_are_created_searched_and_kept_within_their_tenant() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        TestTenant other = newTenant(100, 5, false);
        HttpResponse<String> created = send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"Erin@Example.com\",\"FirstName\":\"Erin\",\"LastName\":\"Example\",\"Phone\":\"+1 (415) 555-0199\","
                        + "\"SendSetPasswordLink\":false}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Account successfully created.");
        String id = created.body().replaceAll(".*\"Id\":\"([^\"]+)\".*", "$1");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/admin/users/" + id);

        assertThat(send("POST", "/v1/admin/users", tenant.secretKey(), "{\"EmailAddress\":\"erin@example.com\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> unknownField = send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"f@example.com\",\"ShoeSize\":\"42\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("ShoeSize");

        assertThat(send("GET", "/v1/admin/users?Search=erin", tenant.secretKey(), null).body())
                .contains(id).contains("+14155550199");
        assertThat(send("GET", "/v1/admin/users?Search=erin", other.secretKey(), null).body()).doesNotContain(id);
        assertThat(send("GET", "/v1/admin/users/" + id, other.secretKey(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/admin/users/" + id + "/reset-link", other.secretKey(), null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/admin/users/" + id + "/password-resets", other.secretKey(), "{\"Send\":true}").statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/v1/admin/users/" + UUID.randomUUID(), tenant.secretKey(), null).statusCode()).isEqualTo(404);

        // token-service does not run here: its own user's link is a 503 that says to try again, not an internal fault
        HttpResponse<String> noTokenService = send("GET", "/v1/admin/users/" + id + "/reset-link", tenant.secretKey(), null);
        assertThat(noTokenService.statusCode()).isEqualTo(503);
        assertThat(noTokenService.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(noTokenService.body()).contains("not answering right now").doesNotContain("CorrelationId");
    }

    @Test
    void a_taken_unique_field_value_is_a_conflict_and_leaves_no_half_created_user() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> defined = send("PUT", "/v1/admin/fields/EmployeeId", tenant.secretKey(), "{\"DataType\":\"TEXT\"}");
        assertThat(defined.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/admin/fields", tenant.secretKey(), null).body()).contains("EmployeeId");
        assertThat(send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"gail@example.com\",\"EmployeeId\":\"E-17\",\"SendSetPasswordLink\":false}").statusCode())
                .isEqualTo(201);

        // the email is free, so the insert of the user runs and the attribute's unique index refuses it: all of it rolls back
        HttpResponse<String> taken = send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"hal@example.com\",\"EmployeeId\":\"E-17\",\"SendSetPasswordLink\":false}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("Another user already has one of these unique field values.");
        assertThat(send("GET", "/v1/admin/users?Search=hal@", tenant.secretKey(), null).body()).doesNotContain("hal@example.com");
        assertThat(send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"hal@example.com\",\"EmployeeId\":\"E-18\",\"SendSetPasswordLink\":false}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void creating_a_user_requests_the_first_link_and_it_shows_in_the_users_history() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> created = send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"gina@example.com\",\"FirstName\":\"Gina\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Account successfully created and reset password email sent.");
        String id = created.body().replaceAll(".*\"Id\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> history = await().atMost(Duration.ofSeconds(20)).until(
                () -> send("GET", "/v1/admin/users/" + id + "/history", tenant.secretKey(), null),
                r -> r.body().contains("ResetRequested"));
        assertThat(history.body()).contains("\"Origin\":\"ADMIN\"").contains("g***@example.com").doesNotContain("gina@example.com");
    }

    @Test
    void confirm_needs_a_secret_key_and_a_valid_temporary_password() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        assertThat(send("POST", "/v1/password-resets/confirm", tenant.publicKey(),
                "{\"LeadId\":\"x\",\"TemporaryPassword\":\"y\",\"NewPassword\":\"z\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> invalid = send("POST", "/v1/password-resets/confirm", tenant.secretKey(),
                "{\"LeadId\":\"x\",\"TemporaryPassword\":\"not-a-token\",\"NewPassword\":\"violet meadow 42\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("TemporaryPassword is not valid");
        assertThat(send("POST", "/v1/password-resets/confirm", tenant.secretKey(), "{\"NewPassword\":\"x\"}").body())
                .contains("TemporaryPassword (or Token) and NewPassword are required");
        assertThat(send("POST", "/v1/password-resets", tenant.publicKey(), "{\"EmailAddress\":\"a@example.com\",\"Deliver\":false}")
                .statusCode()).isEqualTo(401);
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "admin-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
