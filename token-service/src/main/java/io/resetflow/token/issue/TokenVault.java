package io.resetflow.token.issue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.token.config.CheckedAtStartup;

/** Mints tokens and seals the stored copy of each with the at-rest key (context {@code token:{tenantId}}). */
@Component
class TokenVault implements CheckedAtStartup {

    static final int TOKEN_BYTES = 32;
    private static final String AT_REST_KEY_ID = "at-rest-1";

    private final SecureRandom random = new SecureRandom();
    private final Sealer atRest;

    TokenVault(TokenProperties properties) {
        try {
            this.atRest = Sealer.of(AT_REST_KEY_ID, Map.of(AT_REST_KEY_ID, properties.atRestKey()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("resetflow.token.at-rest-key must be base64 of exactly 32 bytes", e);
        }
    }

    /** 256 bits from a CSPRNG, unpadded base64url: 43 characters. */
    String mint() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    SealedValue seal(String tenantId, String token) {
        return atRest.seal(token, context(tenantId));
    }

    /** @throws Sealer.SealException when the copy does not open (other key, other tenant, altered) */
    String open(String tenantId, SealedValue sealed) {
        return atRest.open(sealed, context(tenantId));
    }

    private static String context(String tenantId) {
        return "token:" + tenantId;
    }
}
