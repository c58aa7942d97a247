package io.resetflow.token.issue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.MeterRegistry;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;
import io.resetflow.token.lifecycle.ResetToken;
import io.resetflow.token.lifecycle.TokenHash;

/**
 * Handles one ResetRequested in one transaction: claims its eventId (a redelivery does nothing), locks the
 * user, counts the user's deliveries in the last hour (throttle), decides, stores the token and appends the
 * ResetLinkIssued or ResetRequestThrottled to the outbox. Never logs a token, link or address.
 */
@Service
public class TokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

    private final IssueStore store;
    private final TokenVault vault;
    private final Sealer eventSealer;
    private final DecisionOutbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    TokenIssuer(IssueStore store, TokenVault vault, Sealer eventSealer, DecisionOutbox outbox, Clock clock,
            MeterRegistry meters, ApplicationEventPublisher events) {
        this.store = store;
        this.vault = vault;
        this.eventSealer = eventSealer;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
    }

    /**
     * Decides a poll's requests in one transaction (one commit instead of one per request). The requests are
     * taken user by user (a stable sort by the user's lock key, so each user's requests keep their order), so
     * that two such transactions take the user locks in the same order and cannot deadlock each other.
     * A failure rolls back every decision of the batch; the caller then decides them one by one.
     */
    @Transactional
    public List<DecisionKind> handleAll(List<ResetRequest> requests) {
        List<ResetRequest> byUser = new ArrayList<>(requests);
        byUser.sort(Comparator.comparing(TokenIssuer::lockOrder));
        Map<ResetRequest, DecisionKind> kinds = new IdentityHashMap<>();
        for (ResetRequest request : byUser) {
            kinds.put(request, handle(request));
        }
        return requests.stream().map(kinds::get).toList();
    }

    private static String lockOrder(ResetRequest request) {
        return request.knownUser() ? request.tenantId() + ":" + request.userId() : "";
    }

    @Transactional
    public DecisionKind handle(ResetRequest request) {
        Instant now = clock.instant();
        // Known user: the claim also takes the user's lock, held until commit: concurrent requests for one user (any
        // instance) decide one after the other, so none of them can slip under the throttle or mint a second live token.
        boolean claimed = request.knownUser()
                ? store.claimAndLock(request.eventId(), request.tenantId(), request.correlationId(), request.userId(), now)
                : store.claim(request.eventId(), request.tenantId(), request.correlationId(), request.userId(), now);
        if (!claimed) {
            log.info("ResetRequested {} was processed before; skipped", request.eventId());
            count(DecisionKind.DUPLICATE);
            return DecisionKind.DUPLICATE;
        }
        Optional<IssueStore.StoredToken> latest = Optional.empty();
        int deliveriesInWindow = 0;
        if (request.knownUser()) {
            IssueStore.UserState state = store.state(request.tenantId(), request.userId(),
                    now.minus(Decider.THROTTLE_WINDOW));
            latest = state.latest();
            deliveriesInWindow = state.deliveriesInWindow();
        }
        Decision decision = Decider.decide(request, latest.map(IssueStore.StoredToken::token), deliveriesInWindow, now);
        Outcome outcome = apply(decision, request, latest, now);
        store.recordDecision(request.eventId(), outcome.kind(), outcome.linkId(),
                outcome.linkId() == null ? null : request.effectiveChannel());
        events.publishEvent(new DecisionCommitted(request.tenantId(), request.correlationId()));
        log.info("ResetRequested {} tenant {} -> {}{}", request.eventId(), request.tenantId(), outcome.kind(),
                outcome.linkId() == null ? "" : " link " + outcome.linkId());
        count(outcome.kind());
        return outcome.kind();
    }

    /** Counted when the transaction commits, so a rolled-back decision is not counted. */
    private void count(DecisionKind kind) {
        Runnable increment = () -> meters.counter("resetflow.token.decisions", "decision", kind.name()).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    increment.run();
                }
            });
        } else {
            increment.run();
        }
    }

    private record Outcome(DecisionKind kind, UUID linkId) {
    }

    private Outcome apply(Decision decision, ResetRequest request, Optional<IssueStore.StoredToken> latest, Instant now) {
        if (decision instanceof Decision.IgnoreUnknownUser) {
            return new Outcome(DecisionKind.IGNORED_UNKNOWN, null);
        }
        if (decision instanceof Decision.RejectNoRecipient) {
            return new Outcome(DecisionKind.REJECTED_NO_RECIPIENT, null);
        }
        if (decision instanceof Decision.Throttle throttle) {
            outbox.append(new RequestThrottled(UUID.randomUUID().toString(), now, request.tenantId(),
                    request.correlationId(), request.eventId(), request.userId(), request.effectiveChannel(),
                    request.maskedRecipient(), throttle.deliveriesInWindow(), throttle.limit(),
                    Decider.THROTTLE_WINDOW.toSeconds()));
            return new Outcome(DecisionKind.THROTTLED, null);
        }
        if (decision instanceof Decision.Reuse reuse) {
            UUID resent = resend(request, reuse.live(), latest.orElseThrow().sealedCopy(), now);
            if (resent != null) {
                return new Outcome(DecisionKind.REUSED, resent);
            }
        }
        return new Outcome(DecisionKind.ISSUED, issue(request, now));
    }

    /** @return the link id re-sent, or null when the stored copy no longer opens (then a new token is minted) */
    private UUID resend(ResetRequest request, ResetToken live, SealedValue sealedCopy, Instant now) {
        String token;
        try {
            token = vault.open(request.tenantId(), sealedCopy);
        } catch (Sealer.SealException e) {
            log.warn("stored copy of link {} does not open ({}); minting a new token instead", live.linkId(),
                    e.getMessage());
            return null;
        }
        outbox.append(event(UUID.randomUUID().toString(), request, live, true, token, now));
        return live.linkId();
    }

    private UUID issue(ResetRequest request, Instant now) {
        String token = vault.mint();
        ResetToken minted = new ResetToken(UUID.randomUUID(), request.tenantId(), request.userId(), now,
                now.plus(request.tokenTtl()), null, null);
        String eventId = UUID.randomUUID().toString();
        int replaced = store.replaceLiveAndInsert(minted, TokenHash.of(token), vault.seal(request.tenantId(), token),
                request.correlationId(), request.linkBaseUrl(), eventId);
        if (replaced > 0) {
            log.info("link {} replaces {} live link(s) of tenant {}", minted.linkId(), replaced, request.tenantId());
        }
        outbox.append(event(eventId, request, minted, false, token, now));
        return minted.linkId();
    }

    private LinkIssued event(String eventId, ResetRequest request, ResetToken token, boolean resend, String secret,
            Instant now) {
        SealedValue link = eventSealer.seal(Links.resetLink(request.linkBaseUrl(), secret), "link:" + request.tenantId());
        // ResetLinkIssued.recipient is required; a returned token may come without an address: seal an empty one.
        SealedValue recipient = request.recipient() != null ? request.recipient()
                : eventSealer.seal("", "recipient:" + request.tenantId());
        return new LinkIssued(eventId, now, request.tenantId(), request.correlationId(), request.eventId(),
                request.userId(), token.linkId(), resend, token.issuedAt(), token.expiresAt(),
                request.effectiveChannel(), recipient, request.maskedRecipient(), link);
    }
}
