package io.resetflow.token.redeem;

import java.time.Instant;

import io.resetflow.token.lifecycle.ResetToken;

/** What verify and redeem answer, as domain values; the controller maps them to JSON. */
final class TokenAnswers {

    private TokenAnswers() {
    }

    enum VerifyStatus { VALID, EXPIRED, USED, REPLACED, UNKNOWN }

    enum RedeemStatus { REDEEMED, EXPIRED, USED, REPLACED, UNKNOWN }

    /** @param token null when UNKNOWN */
    record Verification(VerifyStatus status, ResetToken token) {
    }

    /** @param tenantId null when UNKNOWN */
    record Redemption(RedeemStatus status, String tenantId, String userId) {
    }

    /** The JSON bodies of docs/contracts.md (lowerCamelCase). */
    record VerifyResponse(String status, String tenantId, String userId, Instant expiresAt) {
        static VerifyResponse of(Verification v) {
            return v.token() == null ? new VerifyResponse(v.status().name(), null, null, null)
                    : new VerifyResponse(v.status().name(), v.token().tenantId(), v.token().userId(),
                            v.token().expiresAt());
        }
    }

    record RedeemResponse(String status, String tenantId, String userId) {
        static RedeemResponse of(Redemption r) {
            return new RedeemResponse(r.status().name(), r.tenantId(), r.userId());
        }
    }
}
