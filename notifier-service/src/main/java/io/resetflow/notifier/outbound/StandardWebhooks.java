package io.resetflow.notifier.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook call per the Standard Webhooks specification: {@code webhook-id}, {@code webhook-timestamp}
 * (seconds) and {@code webhook-signature} = {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}; with
 * several secrets (rotation) one signature per secret, space-separated.
 */
public final class StandardWebhooks {

    private StandardWebhooks() {
    }

    public static Map<String, String> headers(String messageId, long timestampSeconds, String body, List<String> secrets) {
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add(signature(secret, messageId, timestampSeconds, body));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestampSeconds));
        headers.put("webhook-signature", String.join(" ", signatures));
        return headers;
    }

    static String signature(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.keyOf(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
