package io.resetflow.token.redeem;

import java.time.Instant;
import java.util.UUID;

import io.resetflow.token.lifecycle.ResetToken;

/** What verify and redeem answer, as domain values; the controller maps them to JSON. */
final class TokenAnswers {

    private TokenAnswers() {
    }

    enum VerifyStatus { VALID, EXPIRED, USED, REPLACED, UNKNOWN }

    enum RedeemStatus { REDEEMED, EXPIRED, USED, REPLACED, UNKNOWN }

    /** @param token null when UNKNOWN; @param requestId the correlationId of the request that issued it */
    record Verification(VerifyStatus status, ResetToken token, String requestId) {
    }

    /** @param tenantId null when UNKNOWN, as are the other ids */
    record Redemption(RedeemStatus status, String tenantId, String userId, UUID linkId, String requestId) {
    }

    /** The JSON bodies of docs/contracts.md (lowerCamelCase). */
    record VerifyResponse(String status, String tenantId, String userId, Instant expiresAt, String linkId,
            String requestId) {
        static VerifyResponse of(Verification v) {
            return v.token() == null ? new VerifyResponse(v.status().name(), null, null, null, null, null)
                    : new VerifyResponse(v.status().name(), v.token().tenantId(), v.token().userId(),
                            v.token().expiresAt(), v.token().linkId().toString(), v.requestId());
        }
    }

    record RedeemResponse(String status, String tenantId, String userId, String linkId, String requestId) {
        static RedeemResponse of(Redemption r) {
            return new RedeemResponse(r.status().name(), r.tenantId(), r.userId(),
                    r.linkId() == null ? null : r.linkId().toString(), r.requestId());
        }
    }
}
