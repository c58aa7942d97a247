package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.testsupport.Infrastructure;

class IntakeApiIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final String SUCCESS = "{\"Status\":\"Success\",\"Message\":\"Reset link sent successfully\",\"RequestId\":\"";
    private static final Pattern REQUEST_ID = Pattern.compile("\"RequestId\":\"([0-9a-f-]{36})\"");

    @Autowired
    Sealer sealer;

    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void subscribe() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "intake-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.RESET_REQUESTED));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void known_address_is_answered_only_after_the_request_is_on_the_log_with_its_address_sealed() throws Exception {
        HttpResponse<String> response = post("/v1/password-resets", PUBLIC_KEY, "application/json",
                "{\"EmailAddress\":\"alice@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(SUCCESS);
        ConsumerRecord<String, byte[]> record = awaitEvent(requestId(response));
        ResetRequested event = decode(record);
        assertThat(event.getTenantId()).isEqualTo("demo");
        assertThat(event.getUserId()).isNotNull();
        assertThat(record.key()).isEqualTo("demo:" + event.getUserId());
        assertThat(event.getMaskedRecipient()).isEqualTo("a***@example.com");
        // who asked, for auditors: the key by its id, never the key
        assertThat(event.getActorType()).isEqualTo("API_KEY");
        assertThat(java.util.UUID.fromString(event.getActorId())).isNotNull();
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(PUBLIC_KEY);
        assertThat(sealer.open(SealedValue.fromAvro(event.getRecipient()), "recipient:demo")).isEqualTo("alice@example.com");
        assertThat(event.getLinkBaseUrl()).startsWith("http://127.0.0.1:");
        assertThat(event.getTokenTtlSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(event.getReuseWindowSeconds()).isEqualTo(Duration.ofHours(16).toSeconds());
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain("alice@example.com");
        assertThat(record.headers().lastHeader(io.resetflow.schemas.chain.ChainHeader.NAME))
                .as("tamper-evidence chain header").isNotNull();
    }

    @Test
    void a_secret_key_request_whose_decision_is_late_is_accepted_as_recorded_and_its_retry_records_no_second_one()
            throws Exception {
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"EmailAddress\":\"alice@example.com\"}";

        // token-service does not run here: the decision a secret-key caller gets cannot arrive
        HttpResponse<String> first = send("POST", "/v1/password-resets", SECRET_KEY, body, "Idempotency-Key", idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(202);
        String requestId = requestId(first);
        assertThat(first.headers().firstValue("Location")).contains("/v1/password-resets/" + requestId);
        assertThat(first.body()).startsWith("{\"Status\":\"Success\"").contains("is recorded");
        assertThat(decode(awaitEvent(requestId)).getUserId()).isNotNull();
        HttpResponse<String> retried = send("POST", "/v1/password-resets", SECRET_KEY, body, "Idempotency-Key", idempotencyKey);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(requestId(retried)).isEqualTo(requestId);
    }

    @Test
    void a_forged_host_header_never_reaches_the_link_base_url() throws Exception {
        String body = "{\"EmailAddress\":\"bob@example.com\"}";
        String raw;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            String request = "POST /v1/password-resets HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Authorization: " + PUBLIC_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).startsWith("HTTP/1.1 200");
        Matcher id = REQUEST_ID.matcher(raw);
        assertThat(id.find()).isTrue();
        ResetRequested event = decode(awaitEvent(id.group(1)));
        assertThat(event.getLinkBaseUrl()).doesNotContain("evil").startsWith("http://127.0.0.1:");
    }

    @Test
    void unknown_address_gets_the_same_answer_and_is_recorded_without_a_user() throws Exception {
        HttpResponse<String> response = post("/v1/password-resets", "Bearer " + PUBLIC_KEY, "application/json",
                "{\"EmailAddress\":\"nobody-" + UUID.randomUUID() + "@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(SUCCESS);
        ResetRequested event = decode(awaitEvent(requestId(response)));
        assertThat(event.getUserId()).isNull();
        assertThat(event.getRecipient()).isNull();
    }

    @Test
    void a_user_is_found_by_phone_through_search_key_data() throws Exception {
        HttpResponse<String> response = post("/v1/password-resets", PUBLIC_KEY, "application/json",
                "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+1 415-555-0101\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        ResetRequested event = decode(awaitEvent(requestId(response)));
        assertThat(event.getUserId()).isNotNull();
        assertThat(sealer.open(SealedValue.fromAvro(event.getRecipient()), "recipient:demo")).isEqualTo("alice@example.com");
    }

    @Test
    void missing_or_wrong_keys_are_refused_with_401_and_publish_nothing() throws Exception {
        for (String authorization : new String[]{null, "rf_pub_wrong", "Bearer nope"}) {
            HttpResponse<String> response = post("/v1/password-resets", authorization, "application/json",
                    "{\"EmailAddress\":\"alice@example.com\"}");
            assertThat(response.statusCode()).as("Authorization %s", authorization).isEqualTo(401);
            assertThat(response.body()).contains("\"Status\":\"Error\"").contains("\"Message\":\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        }
    }

    @Test
    void client_mistakes_get_400_with_a_message_that_says_what_to_fix() throws Exception {
        Map<String, String[]> cases = Map.of(
                "malformed json", new String[]{"application/json", "{\"EmailAddress\":", "not valid JSON"},
                "wrong content type", new String[]{"text/plain", "{\"EmailAddress\":\"alice@example.com\"}", "application/json"},
                "unknown attribute", new String[]{"application/json", "{\"Email\":\"alice@example.com\"}", "Email"},
                "unknown schema name", new String[]{"application/json", "{\"SearchKeyData\":{\"SchemaName\":\"Shoe\",\"Value\":\"42\"}}", "Shoe"},
                "wrong value type", new String[]{"application/json", "{\"EmailAddress\":[1,2]}", "EmailAddress"},
                "empty body", new String[]{"application/json", "", "JSON body is required"},
                "not an email", new String[]{"application/json", "{\"EmailAddress\":\"alice\"}", "EmailAddress must be an email"},
                "nothing to search by", new String[]{"application/json", "{}", "EmailAddress is required"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            HttpResponse<String> response = post("/v1/password-resets", PUBLIC_KEY, c.getValue()[0], c.getValue()[1]);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).contains("\"Status\":\"Error\"").contains(c.getValue()[2]);
        }
    }

    @Test
    void unknown_routes_are_404_and_wrong_methods_405_as_json() throws Exception {
        HttpResponse<String> notFound = post("/v1/password-resetz", PUBLIC_KEY, "application/json", "{}");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("\"Status\":\"Error\"").contains("check the API signature");

        HttpResponse<String> wrongMethod = get("/v1/password-resets", PUBLIC_KEY);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"Status\":\"Error\"").contains("POST");
    }

    @Test
    void logins_check_a_password_against_the_directory_with_a_secret_key_only() throws Exception {
        HttpResponse<String> ok = post("/v1/logins", SECRET_KEY, "application/json",
                "{\"EmailAddress\":\"Bob@Example.com\",\"Password\":\"bob-local-pass\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"Status\":\"Success\"").contains("\"Id\":\"");

        HttpResponse<String> wrong = post("/v1/logins", SECRET_KEY, "application/json",
                "{\"EmailAddress\":\"bob@example.com\",\"Password\":\"not-bobs\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = post("/v1/logins", SECRET_KEY, "application/json",
                "{\"EmailAddress\":\"nobody@example.com\",\"Password\":\"bob-local-pass\"}");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());

        // a public key is in the portal's pages: with it, logins would be a password oracle for anyone
        HttpResponse<String> publicKey = post("/v1/logins", PUBLIC_KEY, "application/json",
                "{\"EmailAddress\":\"bob@example.com\",\"Password\":\"bob-local-pass\"}");
        assertThat(publicKey.statusCode()).isEqualTo(401);
        assertThat(publicKey.body()).contains("needs a secret key").doesNotContain("\"Id\"");
    }

    private static String requestId(HttpResponse<String> response) {
        Matcher matcher = REQUEST_ID.matcher(response.body());
        assertThat(matcher.find()).as("RequestId in %s", response.body()).isTrue();
        return matcher.group(1);
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String requestId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> decode(r).getCorrelationId().equals(requestId)).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    private static ResetRequested decode(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event = new AvroEventDeserializer().deserialize(record.topic(), record.value());
        return (ResetRequested) event;
    }
}
