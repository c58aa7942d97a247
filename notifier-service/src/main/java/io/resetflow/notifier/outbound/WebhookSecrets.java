package io.resetflow.notifier.outbound;

import java.security.SecureRandom;
import java.util.Base64;

/** Standard Webhooks signing secrets: {@code whsec_} + base64 of 32 random bytes. */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
