package io.resetflow.token.redeem;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.resetflow.token.lifecycle.ResetToken;
import io.resetflow.token.lifecycle.TokenHash;
import io.resetflow.token.redeem.TokenAnswers.RedeemStatus;
import io.resetflow.token.redeem.TokenAnswers.Redemption;
import io.resetflow.token.redeem.TokenAnswers.Verification;
import io.resetflow.token.redeem.TokenAnswers.VerifyStatus;

/** Verify (read only: opening a link never consumes it) and redeem (single use, atomic in one statement). */
@Service
class TokenRedemption {

    private final RedeemStore store;
    private final Clock clock;

    TokenRedemption(RedeemStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Verification verify(String token) {
        Optional<ResetToken> found = store.find(TokenHash.of(token));
        if (found.isEmpty()) {
            return new Verification(VerifyStatus.UNKNOWN, null);
        }
        return new Verification(VerifyStatus.valueOf(found.get().status(clock.instant()).name()), found.get());
    }

    Redemption redeem(String token) {
        byte[] hash = TokenHash.of(token);
        Instant now = clock.instant();
        Optional<RedeemStore.Owner> redeemed = store.markUsed(hash, now);
        if (redeemed.isPresent()) {
            return new Redemption(RedeemStatus.REDEEMED, redeemed.get().tenantId(), redeemed.get().userId());
        }
        // Not redeemable: say why. A token that was VALID a moment ago was just used by a concurrent call.
        return store.find(hash)
                .map(t -> new Redemption(why(t, now), t.tenantId(), t.userId()))
                .orElseGet(() -> new Redemption(RedeemStatus.UNKNOWN, null, null));
    }

    private static RedeemStatus why(ResetToken token, Instant now) {
        return switch (token.status(now)) {
            case USED, VALID -> RedeemStatus.USED;
            case REPLACED -> RedeemStatus.REPLACED;
            case EXPIRED -> RedeemStatus.EXPIRED;
        };
    }
}
