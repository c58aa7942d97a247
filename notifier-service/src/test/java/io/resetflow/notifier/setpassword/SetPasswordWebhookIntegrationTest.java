package io.resetflow.notifier.setpassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.SignatureCheck;
import io.resetflow.notifier.support.WebhookReceiver;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.notifier.support.TestMail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000: a tenant with a Set Password Webhook gets the link POSTed (real local receiver), no email. */
class SetPasswordWebhookIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Test
    void the_link_and_user_are_posted_signed_to_the_tenants_webhook_and_no_email_is_sent() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            sendSettings(settings(tenant).setSetPasswordWebhookUrl(receiver.url("/hooks/reset")).build());
            String address = newId("white") + "@example.com";
            String link = "https://portal.example/" + tenant + "/reset/" + newId("tok");
            ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), address, link, false);

            send(event);

            DeliveryOutcome outcome = awaitOutcomes(event.getEventId(), 1).get(0);
            assertThat(outcome.getStatus()).isEqualTo(DeliveryStatus.SENT);
            assertThat(outcome.getChannel()).isEqualTo(Channel.WEBHOOK);
            assertThat(outcome.getProviderMessageId()).isEqualTo("msg_" + event.getEventId());
            assertThat(outcome.toString()).doesNotContain(link).doesNotContain(address);

            WebhookReceiver.Call call = receiver.calls().get(0);
            assertThat(SignatureCheck.verifies(tenantSecret(tenant), call)).isTrue();
            assertThat(SignatureCheck.verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), call))
                    .isFalse();
            assertThat(Long.parseLong(call.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            assertThat(call.header("content-type")).startsWith("application/cloudevents+json");
            JsonNode body = JSON.readTree(call.body());
            assertThat(body.get("specversion").asString()).isEqualTo("1.0");
            assertThat(body.get("type").asString()).isEqualTo("io.resetflow.reset.link-issued");
            assertThat(body.get("id").asString()).isEqualTo(event.getEventId());
            JsonNode data = body.get("data");
            assertThat(data.get("link").asString()).isEqualTo(link);
            assertThat(data.get("recipient").asString()).isEqualTo(address);
            assertThat(data.get("channel").asString()).isEqualTo("EMAIL");
            assertThat(data.get("userId").asString()).isEqualTo(event.getUserId());
            assertThat(data.get("linkId").asString()).isEqualTo(event.getLinkId());
            assertThat(Instant.parse(data.get("expiresAt").asString())).isEqualTo(event.getExpiresAt());

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> MAIL.messages().stream().noneMatch(m -> m.to().equals(address)));
            assertThat(deliveryRow(event.getEventId())).containsEntry("channel", "WEBHOOK").containsEntry("status", "SENT");
        }
    }

    @Test
    void the_signing_secret_from_the_tenants_settings_signs_the_call_and_no_own_secret_is_made() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String tenant = newId("tenant");
            String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                    newId("k").repeat(4).substring(0, 32).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sendSettings(settings(tenant).setSetPasswordWebhookUrl(receiver.url("/hooks/signed"))
                    .setWebhookSigningSecret(EVENT_SEALER.seal(secret, "webhook-secret:" + tenant).toAvro()).build());
            ResetLinkIssued event = linkIssued(tenant, newId("user"), newId("link"), newId("s") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);

            send(event);

            assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement()
                    .satisfies(o -> assertThat(o.getStatus()).isEqualTo(DeliveryStatus.SENT));
            WebhookReceiver.Call call = receiver.calls().get(0);
            assertThat(SignatureCheck.verifies(secret, call)).isTrue();
            assertThat(jdbc.sql("select count(*) from tenant_webhook_secrets where tenant_id = :t").param("t", tenant)
                    .query(Integer.class).single()).isZero();
        }
    }

    @Test
    void a_5xx_answer_is_retried_until_the_webhook_accepts_and_a_4xx_fails_permanently() {
        try (WebhookReceiver flaky = WebhookReceiver.start(503, 500);
                WebhookReceiver refusing = WebhookReceiver.start(410)) {
            String flakyTenant = newId("tenant");
            String refusingTenant = newId("tenant");
            sendSettings(settings(flakyTenant).setSetPasswordWebhookUrl(flaky.url("/reset")).build());
            sendSettings(settings(refusingTenant).setSetPasswordWebhookUrl(refusing.url("/reset")).build());
            ResetLinkIssued retried = linkIssued(flakyTenant, newId("user"), newId("link"), newId("a") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);
            ResetLinkIssued refused = linkIssued(refusingTenant, newId("user"), newId("link"), newId("b") + "@example.com",
                    "https://portal.example/reset/" + newId("t"), false);

            send(retried);
            send(refused);

            List<DeliveryOutcome> outcomes = awaitOutcomes(retried.getEventId(), 3);
            assertThat(outcomes).extracting(DeliveryOutcome::getStatus).containsExactly(
                    DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.FAILED_TEMPORARY, DeliveryStatus.SENT);
            assertThat(outcomes.get(0).getReason()).contains("HTTP 503");
            assertThat(flaky.calls()).hasSize(3);
            assertThat(flaky.calls()).extracting(c -> c.header("webhook-id")).containsOnly("msg_" + retried.getEventId());

            assertThat(awaitOutcomes(refused.getEventId(), 1)).singleElement().satisfies(o -> {
                assertThat(o.getStatus()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
                assertThat(o.getReason()).contains("HTTP 410");
            });
        }
    }

    private String tenantSecret(String tenant) {
        SealedValue sealed = jdbc.sql("select key_id, nonce, ciphertext from tenant_webhook_secrets where tenant_id = :t")
                .param("t", tenant)
                .query((rs, n) -> new SealedValue(rs.getString(1), rs.getBytes(2), rs.getBytes(3))).single();
        return EVENT_SEALER.open(sealed, "webhook-secret:" + tenant);
    }
}
