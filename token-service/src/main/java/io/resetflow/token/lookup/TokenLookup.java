package io.resetflow.token.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.resetflow.token.issue.DecisionCommitted;
import io.resetflow.token.issue.IssuedLinks;

/**
 * Answers for-request (waiting for the decision) and latest. A waiting call is woken as soon as a decision of
 * this instance commits, and re-reads the database every {@link #POLL} for decisions another instance took.
 */
@Service
class TokenLookup {

    private static final Logger log = LoggerFactory.getLogger(TokenLookup.class);

    /** How long for-request waits for the decision before answering PENDING. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Fallback re-read interval while waiting (decisions committed by another instance wake nobody here). */
    static final Duration POLL = Duration.ofMillis(20);

    enum RequestStatus { ISSUED, REUSED, THROTTLED, IGNORED_UNKNOWN, REJECTED_NO_RECIPIENT, PENDING }

    /** @param link null unless ISSUED or REUSED, as is {@code token} */
    record RequestAnswer(RequestStatus status, String userId, LookupStore.StoredLink stored, String link, String token) {
    }

    /** @param stored null when the user has no live link */
    record LatestAnswer(LookupStore.StoredLink stored, String link) {
    }

    private final LookupStore store;
    private final IssuedLinks links;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private long commits;

    TokenLookup(LookupStore store, IssuedLinks links, Clock clock) {
        this.store = store;
        this.links = links;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onDecision(DecisionCommitted decision) {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    RequestAnswer forRequest(String tenantId, String requestId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long seen = commitCount();
            Optional<LookupStore.DecisionRow> row = store.decision(tenantId, requestId);
            if (row.isPresent()) {
                return answer(tenantId, row.get());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new RequestAnswer(RequestStatus.PENDING, null, null, null, null);
            }
            awaitCommitAfter(seen, Math.min(left, POLL.toNanos()));
        }
    }

    LatestAnswer latest(String tenantId, String userId) {
        Instant now = clock.instant();
        return store.latestLive(tenantId, userId, now)
                .flatMap(stored -> links.token(tenantId, stored.sealedCopy())
                        .map(token -> new LatestAnswer(stored, linkOf(stored, token))))
                .orElseGet(() -> new LatestAnswer(null, null));
    }

    private RequestAnswer answer(String tenantId, LookupStore.DecisionRow row) {
        RequestStatus status = RequestStatus.valueOf(row.decision());
        LookupStore.StoredLink stored = row.link();
        if ((status != RequestStatus.ISSUED && status != RequestStatus.REUSED) || stored == null) {
            return new RequestAnswer(status, row.userId(), null, null, null);
        }
        Optional<String> token = links.token(tenantId, stored.sealedCopy());
        if (token.isEmpty()) {
            log.warn("stored copy of link {} does not open; for-request answers without it", stored.linkId());
            return new RequestAnswer(status, row.userId(), stored, null, null);
        }
        return new RequestAnswer(status, row.userId(), stored, linkOf(stored, token.get()), token.get());
    }

    private String linkOf(LookupStore.StoredLink stored, String token) {
        return stored.linkBaseUrl() == null ? null : links.link(stored.linkBaseUrl(), token);
    }

    private long commitCount() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    private void awaitCommitAfter(long seen, long nanos) {
        lock.lock();
        try {
            if (commits == seen) {
                committed.await(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a decision", e);
        } finally {
            lock.unlock();
        }
    }
}
