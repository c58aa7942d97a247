package io.resetflow.notifier.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Against the example of the Standard Webhooks specification's reference libraries. */
class StandardWebhooksTest {

    @Test
    void the_signature_matches_the_specifications_test_vector() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long timestamp = 1614265330;
        String body = "{\"test\": 2432232314}";

        Map<String, String> headers = StandardWebhooks.headers(id, timestamp, body, List.of(secret));

        assertThat(headers).containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                .containsEntry("webhook-id", id).containsEntry("webhook-timestamp", "1614265330");
    }

    @Test
    void two_secrets_give_two_space_separated_signatures() {
        String a = WebhookSecrets.generate();
        String b = WebhookSecrets.generate();
        String header = StandardWebhooks.headers("msg_1", 1, "{}", List.of(a, b)).get("webhook-signature");
        assertThat(header.split(" ")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("v1,"));
        assertThat(a).startsWith("whsec_");
    }
}
