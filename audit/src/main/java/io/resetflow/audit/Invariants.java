package io.resetflow.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The invariants {@code verify} checks over the decoded log (the tamper-evidence chain is checked separately by
 * {@link io.resetflow.schemas.chain.ChainVerifier}). Every event of the log is indexed, so causations resolve
 * across tenants; only events accepted by {@code scope} are judged.
 */
final class Invariants {

    static final String DECISION = "decision";
    static final String DELIVERY = "delivery";
    static final String REDEMPTION = "redemption";
    static final String SECRET = "secret-in-clear";
    static final String UNIQUE_ID = "unique-event-id";
    static final String CAUSATION = "causation";
    static final String REVEAL = "reveal";

    /**
     * How far a reveal may trail the link's use or expiry before it is named: api-service stamps a reveal just after
     * token-service answered that the link is live, on another machine's clock.
     */
    static final Duration REVEAL_TOLERANCE = Duration.ofSeconds(5);

    private static final Set<String> DELIVERED_CHANNELS = Set.of("EMAIL", "SMS", "WEBHOOK");

    private final List<LoggedEvent> all;
    private final Predicate<LoggedEvent> scope;
    private final Duration grace;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, List<LoggedEvent>> byEventId;
    private final Map<String, List<LoggedEvent>> byCausation;
    private final Map<String, List<LoggedEvent>> byCorrelation;
    private Instant settledBefore = Instant.MAX;
    private long republished;

    Invariants(List<LoggedEvent> all, Predicate<LoggedEvent> scope, Duration grace) {
        this.all = all;
        this.scope = scope;
        this.grace = grace;
        int capacity = Math.max(16, (int) Math.min(Integer.MAX_VALUE / 2, all.size() * 4L / 3 + 1));
        this.byEventId = new HashMap<>(capacity);
        this.byCausation = new HashMap<>(capacity);
        this.byCorrelation = new HashMap<>(capacity);
    }

    List<Violation> check() {
        Instant latest = Instant.MIN;
        for (LoggedEvent e : all) {
            byEventId.computeIfAbsent(e.eventId(), k -> new ArrayList<>(1)).add(e);
            if (e.causationId() != null) {
                byCausation.computeIfAbsent(e.causationId(), k -> new ArrayList<>(2)).add(e);
            }
            if (e.correlationId() != null) {
                byCorrelation.computeIfAbsent(e.correlationId(), k -> new ArrayList<>(4)).add(e);
            }
            if (e.occurredAt() != null && e.occurredAt().isAfter(latest)) {
                latest = e.occurredAt();
            }
        }
        if (!grace.isZero() && latest != Instant.MIN) {
            settledBefore = latest.minus(grace);
        }
        List<LoggedEvent> redemptions = new ArrayList<>();
        List<LoggedEvent> reveals = new ArrayList<>();
        for (LoggedEvent e : all) {
            if (!scope.test(e)) {
                continue;
            }
            switch (e.type()) {
                case "ResetRequested" -> decision(e);
                case "ResetLinkIssued" -> delivery(e);
                case "ResetLinkRedeemed" -> redemptions.add(e);
                case "ResetLinkRevealed" -> reveals.add(e);
                default -> {
                }
            }
            secrets(e);
            causation(e);
        }
        uniqueIds();
        redemptions(redemptions);
        reveals(reveals);
        return violations;
    }

    private boolean settled(LoggedEvent e) {
        return e.occurredAt() == null || !e.occurredAt().isAfter(settledBefore);
    }

    /** Each ResetRequested with a user has exactly one decision: a ResetLinkIssued or ResetRequestThrottled. */
    private void decision(LoggedEvent request) {
        if (request.userId() == null) {
            return; // unknown account: recorded and ignored, no decision expected
        }
        List<String> decisions = byCausation.getOrDefault(request.eventId(), List.of()).stream()
                .filter(d -> d.type().equals("ResetLinkIssued") || d.type().equals("ResetRequestThrottled"))
                .map(LoggedEvent::eventId).distinct().toList();
        if (decisions.isEmpty() && settled(request)) {
            add(DECISION, "ResetRequested " + request.eventId() + " (request " + request.correlationId() + ", tenant "
                    + request.tenantId() + ", user " + request.userId() + ") has no decision: no ResetLinkIssued or "
                    + "ResetRequestThrottled caused by it", List.of(request.eventId()));
        } else if (decisions.size() > 1) {
            List<String> ids = new ArrayList<>(List.of(request.eventId()));
            ids.addAll(decisions);
            add(DECISION, "ResetRequested " + request.eventId() + " (request " + request.correlationId() + ") has "
                    + decisions.size() + " decisions: " + String.join(", ", decisions), ids);
        }
    }

    /** Every link issued for EMAIL, SMS or WEBHOOK has a DeliveryOutcome, unless the request was throttled. */
    private void delivery(LoggedEvent issued) {
        String channel = issued.string("channel");
        if (!DELIVERED_CHANNELS.contains(channel) || !settled(issued)) {
            return;
        }
        boolean delivered = byCausation.getOrDefault(issued.eventId(), List.of()).stream()
                .anyMatch(o -> o.type().equals("DeliveryOutcome"));
        boolean throttled = byCorrelation.getOrDefault(issued.correlationId(), List.of()).stream()
                .anyMatch(t -> t.type().equals("ResetRequestThrottled"));
        if (!delivered && !throttled) {
            add(DELIVERY, "ResetLinkIssued " + issued.eventId() + " (request " + issued.correlationId() + ", link "
                    + issued.string("linkId") + ", " + channel + ") has no DeliveryOutcome and was not throttled",
                    List.of(issued.eventId()));
        }
    }

    /** A link is redeemed at most once, never after it expired, never after a newer link replaced it. */
    private void redemptions(List<LoggedEvent> redemptions) {
        Map<String, List<LoggedEvent>> byLink = new LinkedHashMap<>();
        for (LoggedEvent r : redemptions) {
            byLink.computeIfAbsent(r.tenantId() + "\u0000" + r.string("linkId"), k -> new ArrayList<>()).add(r);
        }
        if (byLink.isEmpty()) {
            return;
        }
        java.util.Set<String> redeemingUsers = new java.util.HashSet<>();
        redemptions.forEach(r -> redeemingUsers.add(r.tenantId() + "\u0000" + r.userId()));
        Map<String, List<LoggedEvent>> issuesByUser = new HashMap<>();
        Map<String, LoggedEvent> firstIssueByLink = new HashMap<>();
        for (LoggedEvent e : all) {
            if (e.type().equals("ResetLinkIssued")) {
                String user = e.tenantId() + "\u0000" + e.userId();
                if (redeemingUsers.contains(user)) {
                    issuesByUser.computeIfAbsent(user, k -> new ArrayList<>()).add(e);
                    firstIssueByLink.putIfAbsent(e.tenantId() + "\u0000" + e.string("linkId"), e);
                }
            }
        }
        Comparator<LoggedEvent> order = Comparator.comparing(LoggedEvent::occurredAt,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(LoggedEvent::offset);
        for (Map.Entry<String, List<LoggedEvent>> link : byLink.entrySet()) {
            List<LoggedEvent> uses = new ArrayList<>(link.getValue());
            uses.sort(order);
            LoggedEvent issue = firstIssueByLink.get(link.getKey());
            for (int i = 0; i < uses.size(); i++) {
                LoggedEvent use = uses.get(i);
                String linkId = use.string("linkId");
                if (i > 0 && !use.eventId().equals(uses.get(0).eventId())) {
                    add(REDEMPTION, "link " + linkId + " (tenant " + use.tenantId() + ") redeemed again by "
                            + use.eventId() + " after " + uses.get(0).eventId(),
                            List.of(uses.get(0).eventId(), use.eventId()));
                }
                Instant expiresAt = issue != null && issue.instant("expiresAt") != null ? issue.instant("expiresAt")
                        : use.instant("expiresAt");
                if (expiresAt != null && use.occurredAt() != null && use.occurredAt().isAfter(expiresAt)) {
                    add(REDEMPTION, "link " + linkId + " (tenant " + use.tenantId() + ") redeemed by " + use.eventId()
                            + " at " + use.occurredAt() + ", after it expired at " + expiresAt,
                            issue == null ? List.of(use.eventId()) : List.of(issue.eventId(), use.eventId()));
                }
                Instant issuedAt = issue != null ? issue.instant("issuedAt") : use.instant("issuedAt");
                for (LoggedEvent newer : issuesByUser.getOrDefault(use.tenantId() + "\u0000" + use.userId(), List.of())) {
                    boolean replaces = !Objects.equals(newer.string("linkId"), linkId)
                            && !Boolean.TRUE.equals(newer.get("resend"))
                            && issuedAt != null && newer.instant("issuedAt") != null
                            && newer.instant("issuedAt").isAfter(issuedAt)
                            && newer.occurredAt() != null && use.occurredAt() != null
                            && newer.occurredAt().isBefore(use.occurredAt());
                    if (replaces) {
                        add(REDEMPTION, "link " + linkId + " (tenant " + use.tenantId() + ") redeemed by " + use.eventId()
                                + " after link " + newer.string("linkId") + " replaced it (" + newer.eventId() + ")",
                                List.of(newer.eventId(), use.eventId()));
                        break;
                    }
                }
            }
        }
    }

    /**
     * A link is revealed (shown, copied, read through the admin API) only while it is live: it was issued to that
     * user, and it had not expired or been used (give or take {@link #REVEAL_TOLERANCE}). A copy reported without a
     * linkId is not judged.
     */
    private void reveals(List<LoggedEvent> reveals) {
        if (reveals.isEmpty()) {
            return;
        }
        Map<String, LoggedEvent> firstIssueByLink = new HashMap<>();
        Map<String, LoggedEvent> firstUseByLink = new HashMap<>();
        for (LoggedEvent e : all) {
            if (e.type().equals("ResetLinkIssued")) {
                firstIssueByLink.putIfAbsent(e.tenantId() + "\u0000" + e.string("linkId"), e);
            } else if (e.type().equals("ResetLinkRedeemed")) {
                firstUseByLink.putIfAbsent(e.tenantId() + "\u0000" + e.string("linkId"), e);
            }
        }
        for (LoggedEvent reveal : reveals) {
            String linkId = reveal.string("linkId");
            if (linkId == null) {
                continue;
            }
            String link = reveal.tenantId() + "\u0000" + linkId;
            String what = "ResetLinkRevealed " + reveal.eventId() + " (" + reveal.string("action") + " to "
                    + reveal.string("actorType") + " " + reveal.string("actorId") + ", tenant " + reveal.tenantId() + ")";
            LoggedEvent issue = firstIssueByLink.get(link);
            if (issue == null) {
                add(REVEAL, what + " reveals link " + linkId + ", which no ResetLinkIssued carried",
                        List.of(reveal.eventId()));
                continue;
            }
            if (!Objects.equals(issue.userId(), reveal.userId())) {
                add(REVEAL, what + " reveals link " + linkId + " as user " + reveal.userId() + "'s, but it was issued to user "
                        + issue.userId(), List.of(issue.eventId(), reveal.eventId()));
            }
            Instant at = reveal.occurredAt();
            Instant expiresAt = issue.instant("expiresAt");
            if (at != null && expiresAt != null && at.isAfter(expiresAt.plus(REVEAL_TOLERANCE))) {
                add(REVEAL, what + " at " + at + " reveals link " + linkId + ", which expired at " + expiresAt,
                        List.of(issue.eventId(), reveal.eventId()));
            }
            LoggedEvent use = firstUseByLink.get(link);
            if (use != null && at != null && use.occurredAt() != null && at.isAfter(use.occurredAt().plus(REVEAL_TOLERANCE))) {
                add(REVEAL, what + " at " + at + " reveals link " + linkId + ", which was used at " + use.occurredAt()
                        + " (" + use.eventId() + ")", List.of(use.eventId(), reveal.eventId()));
            }
        }
    }

    /** No reset link and no unmasked email address in any string of any event; the value is never printed. */
    private void secrets(LoggedEvent e) {
        Fields.strings(null, e.event(), (field, text) -> {
            if (Secrets.containsLink(text)) {
                add(SECRET, e.type() + " " + e.eventId() + " (" + e.position() + ") carries a reset link in the clear in "
                        + field, List.of(e.eventId()));
            }
            if (Secrets.containsUnmaskedEmail(field, text)) {
                add(SECRET, e.type() + " " + e.eventId() + " (" + e.position()
                        + ") carries an unmasked email address in " + field, List.of(e.eventId()));
            }
        });
    }

    /**
     * No event id names two different events. Identical copies are not a violation: the services publish at least once
     * (an outbox relay sending again what the broker took but did not acknowledge in time, a final delivery's outcome
     * published again when its record is redelivered), and every consumer de-duplicates by event id. They are counted
     * ({@link #republished()}).
     */
    private void uniqueIds() {
        for (Map.Entry<String, List<LoggedEvent>> id : byEventId.entrySet()) {
            List<LoggedEvent> copies = id.getValue();
            if (copies.size() < 2 || copies.stream().noneMatch(scope)) {
                continue;
            }
            LoggedEvent first = copies.get(0);
            if (copies.stream().allMatch(c -> c.topic().equals(first.topic()) && c.event().equals(first.event()))) {
                republished += copies.size() - 1;
                continue;
            }
            add(UNIQUE_ID, "event id " + id.getKey() + " names " + copies.size() + " different events: "
                    + String.join(", ", copies.stream().map(c -> c.type() + " at " + c.position()).toList()),
                    List.of(id.getKey()));
        }
    }

    /** Identical copies of events in scope beyond their first, found by {@link #check()}: re-publications. */
    long republished() {
        return republished;
    }

    /**
     * Every causationId names an event in the log, except for root events: a ResetRequested (caused by the
     * request itself), a TenantSettingsChanged (caused by an admin action), and any event whose causationId is its
     * own correlationId or eventId (e.g. a PasswordChanged caused by an HTTP request).
     */
    private void causation(LoggedEvent e) {
        String causation = e.causationId();
        if (e.type().equals("ResetRequested") || e.type().equals("TenantSettingsChanged") || causation == null
                || causation.equals(e.correlationId()) || causation.equals(e.eventId())) {
            return;
        }
        if (!byEventId.containsKey(causation)) {
            add(CAUSATION, e.type() + " " + e.eventId() + " (" + e.position() + ") names causationId " + causation
                    + ", which is no event in the log", List.of(e.eventId()));
        }
    }

    private void add(String rule, String message, List<String> eventIds) {
        violations.add(new Violation(rule, message, eventIds));
    }
}
