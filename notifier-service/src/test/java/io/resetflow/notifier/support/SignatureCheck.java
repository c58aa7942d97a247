package io.resetflow.notifier.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's own Standard Webhooks verification, written from the specification and independent of the
 * notifier's signer: HMAC-SHA256 keyed with the base64 part of {@code whsec_...} over {@code id.timestamp.body};
 * the header holds space-separated {@code v1,<base64>} entries, any of which may match.
 */
public final class SignatureCheck {

    private SignatureCheck() {
    }

    public static boolean verifies(String secret, WebhookReceiver.Call call) {
        return verifies(secret, call.header("webhook-id"), call.header("webhook-timestamp"), call.body(),
                call.header("webhook-signature"));
    }

    public static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : signatureHeader.split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
