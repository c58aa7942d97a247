package io.resetflow.token.redeem;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.resetflow.token.lifecycle.ResetToken;
import io.resetflow.token.lifecycle.TokenHash;
import io.resetflow.token.redeem.TokenAnswers.RedeemStatus;
import io.resetflow.token.redeem.TokenAnswers.Redemption;
import io.resetflow.token.redeem.TokenAnswers.Verification;
import io.resetflow.token.redeem.TokenAnswers.VerifyStatus;

/**
 * Verify (read only: opening a link never consumes it) and redeem (single use, atomic in one statement, with its
 * ResetLinkRedeemed appended to the outbox in the same transaction).
 */
@Service
class TokenRedemption {

    private final RedeemStore store;
    private final LinkRedeemedOutbox outbox;
    private final Clock clock;

    TokenRedemption(RedeemStore store, LinkRedeemedOutbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    Verification verify(String token) {
        Optional<RedeemStore.Found> found = store.find(TokenHash.of(token));
        if (found.isEmpty()) {
            return new Verification(VerifyStatus.UNKNOWN, null, null);
        }
        ResetToken stored = found.get().token();
        return new Verification(VerifyStatus.valueOf(stored.status(clock.instant()).name()), stored,
                found.get().requestId());
    }

    /** @param via where the redemption came from (PAGE, CONFIRM_API), carried by ResetLinkRedeemed */
    @Transactional
    Redemption redeem(String token, Via via) {
        byte[] hash = TokenHash.of(token);
        Instant now = clock.instant();
        Optional<RedeemStore.Owner> redeemed = store.markUsed(hash, now);
        if (redeemed.isPresent()) {
            RedeemStore.Owner owner = redeemed.get();
            // Links from before the request and first event were recorded fall back to the link id.
            String correlation = owner.requestId() != null ? owner.requestId() : owner.linkId().toString();
            String causation = owner.issuedEventId() != null ? owner.issuedEventId() : correlation;
            outbox.append(new LinkRedeemed(UUID.randomUUID().toString(), now, owner.tenantId(), correlation, causation,
                    owner.userId(), owner.linkId(), owner.issuedAt(), owner.expiresAt(), via.name()));
            return new Redemption(RedeemStatus.REDEEMED, owner.tenantId(), owner.userId(), owner.linkId(),
                    owner.requestId());
        }
        // Not redeemable: say why. A token that was VALID a moment ago was just used by a concurrent call.
        return store.find(hash)
                .map(f -> new Redemption(why(f.token(), now), f.token().tenantId(), f.token().userId(),
                        f.token().linkId(), f.requestId()))
                .orElseGet(() -> new Redemption(RedeemStatus.UNKNOWN, null, null, null, null));
    }

    /** Where a redemption came from. */
    enum Via { PAGE, CONFIRM_API }

    private static RedeemStatus why(ResetToken token, Instant now) {
        return switch (token.status(now)) {
            case USED, VALID -> RedeemStatus.USED;
            case REPLACED -> RedeemStatus.REPLACED;
            case EXPIRED -> RedeemStatus.EXPIRED;
        };
    }
}
