package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;

/** Each invariant of verify, on events built in memory (the broker path is covered by the integration tests). */
class InvariantsTest {

    private final Events events = new Events("t-" + Events.id(), Instant.now().minus(Duration.ofHours(1)));
    private final List<LoggedEvent> log = new ArrayList<>();

    private void add(SpecificRecord... records) {
        for (SpecificRecord r : records) {
            log.add(new LoggedEvent("topic", 0, log.size(), 0, r));
        }
    }

    private List<Violation> check() {
        return new Invariants(log, e -> true, Duration.ZERO).check();
    }

    private ResetLinkIssued issue(ResetRequested request) {
        Instant at = events.tick();
        return events.issued(request, "link-" + Events.id(), false, at, at.plus(Duration.ofDays(7)), "a@example.com");
    }

    @Test
    void aCompleteStoryHasNoViolation() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        add(events.settings(), request, issued, events.outcome(issued, DeliveryStatus.SENT, null), events.redeemed(issued),
                events.requested(null, Channel.EMAIL, "x@example.com"));
        assertThat(check()).isEmpty();
    }

    @Test
    void aRequestWithoutDecisionAndOneWithTwoAreNamed() {
        ResetRequested lonely = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetRequested twice = events.requested("u2", Channel.EMAIL, "b@example.com");
        ResetLinkIssued first = issue(twice);
        add(lonely, twice, first, events.outcome(first, DeliveryStatus.SENT, null), events.throttled(twice));

        List<Violation> violations = check();
        assertThat(violations).extracting(Violation::rule).containsExactly(Invariants.DECISION, Invariants.DECISION);
        assertThat(violations.get(0).eventIds()).containsExactly(lonely.getEventId());
        assertThat(violations.get(0).message()).contains("has no decision");
        assertThat(violations.get(1).eventIds()).hasSize(3).startsWith(twice.getEventId());
    }

    @Test
    void aGraceWindowWaitsForInFlightDecisionsOnALiveLog() {
        add(events.requested("u1", Channel.EMAIL, "a@example.com"));
        assertThat(new Invariants(log, e -> true, Duration.ofMinutes(5)).check()).isEmpty();
    }

    @Test
    void anIssuedLinkWithoutDeliveryIsNamedUnlessThrottledOrNotDelivered() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued undelivered = issue(request);
        ResetRequested tokenBack = events.requested("u2", Channel.NONE, null);
        add(request, undelivered, tokenBack, issue(tokenBack));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Invariants.DELIVERY);
            assertThat(v.eventIds()).containsExactly(undelivered.getEventId());
        });
    }

    @Test
    void aRedemptionOfAReplacedLinkIsNamed() {
        ResetRequested r1 = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued old = issue(r1);
        ResetRequested r2 = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued newer = issue(r2);
        add(r1, old, events.outcome(old, DeliveryStatus.SENT, null), r2, newer,
                events.outcome(newer, DeliveryStatus.SENT, null), events.redeemed(old));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Invariants.REDEMPTION);
            assertThat(v.message()).contains("after link " + newer.getLinkId() + " replaced it");
        });
    }

    @Test
    void secretsInTheClearAreNamedWithoutPrintingThem() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        String token = Events.token();
        DeliveryOutcome leaky = DeliveryOutcome.newBuilder(events.outcome(issued, DeliveryStatus.FAILED_PERMANENT, null))
                .setReason("550 rejected <alice@example.com> for https://acme.example/reset/" + token).build();
        add(request, issued, leaky);

        List<Violation> violations = check();
        assertThat(violations).extracting(Violation::rule).containsExactly(Invariants.SECRET, Invariants.SECRET);
        assertThat(violations).extracting(Violation::message).anySatisfy(m -> assertThat(m).contains("reset link in the clear in reason"))
                .anySatisfy(m -> assertThat(m).contains("unmasked email address in reason"))
                .allSatisfy(m -> assertThat(m).doesNotContain(token, "alice@"));
        assertThat(Timelines.details(log.get(2))).contains("a***@example.com", "/reset/[redacted]").doesNotContain(token);
    }

    @Test
    void duplicateIdsAndUnresolvedCausationsAreNamed() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        DeliveryOutcome orphan = DeliveryOutcome.newBuilder(events.outcome(issued, DeliveryStatus.SENT, null))
                .setCausationId("no-such-event").build();
        ResetRequested sameIdOtherUser = ResetRequested.newBuilder(request).setUserId("u2").build();
        add(request, issued, events.outcome(issued, DeliveryStatus.SENT, null), orphan, sameIdOtherUser);

        List<Violation> violations = check();
        assertThat(violations).extracting(Violation::rule).containsExactlyInAnyOrder(Invariants.CAUSATION, Invariants.UNIQUE_ID);
        assertThat(violations).filteredOn(v -> v.rule().equals(Invariants.UNIQUE_ID)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("names 2 different events"));
        assertThat(violations).filteredOn(v -> v.rule().equals(Invariants.CAUSATION)).singleElement()
                .satisfies(v -> assertThat(v.eventIds()).containsExactly(orphan.getEventId()));
    }

    @Test
    void identicalCopiesAreAtLeastOnceRepublicationsCountedButNotViolations() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        DeliveryOutcome sent = events.outcome(issued, DeliveryStatus.SENT, null);
        // the relay sends the decision again, and the outcome of the final delivery is published again
        add(request, issued, sent, issued, sent, sent);

        Invariants invariants = new Invariants(log, e -> true, Duration.ZERO);
        assertThat(invariants.check()).isEmpty();
        assertThat(invariants.republished()).isEqualTo(3);
    }

    @Test
    void maskedAddressesAndSenderAddressesAreFine() {
        assertThat(Secrets.containsUnmaskedEmail("maskedRecipient", "j***@example.com")).isFalse();
        assertThat(Secrets.containsUnmaskedEmail("senderAddress", "no-reply@acme.example")).isFalse();
        assertThat(Secrets.containsUnmaskedEmail("reason", "bounced: jo.doe+x@mail.example.org")).isTrue();
        assertThat(Secrets.containsLink("https://acme.example/reset/" + Events.token())).isTrue();
        assertThat(Secrets.containsLink("https://acme.example/reset/expired")).isFalse();
    }

    @Test
    void aRevealOfALiveLinkIsFineAndOneOfAUsedExpiredOrUnknownLinkIsNamed() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        Instant usedAt = events.tick();
        var live = events.revealed(issued, usedAt.minusSeconds(30));
        var used = events.redeemed(issued, usedAt);
        var afterUse = events.revealed(issued, usedAt.plus(Duration.ofMinutes(1)));
        var afterExpiry = events.revealed(issued, issued.getExpiresAt().plus(Duration.ofHours(1)));
        ResetLinkIssued elsewhere = events.issued(events.requested("u2", Channel.EMAIL, "b@example.com"), "link-never-logged",
                false, events.tick(), events.tick().plus(Duration.ofDays(7)), "b@example.com");
        var unknown = events.revealed(elsewhere, events.tick());
        add(request, issued, events.outcome(issued, DeliveryStatus.SENT, null), live, used, afterUse, afterExpiry, unknown);

        List<Violation> violations = check();
        assertThat(violations).filteredOn(v -> v.rule().equals(Invariants.REVEAL)).extracting(Violation::eventIds)
                .containsExactlyInAnyOrder(List.of(used.getEventId(), afterUse.getEventId()),
                        List.of(issued.getEventId(), afterExpiry.getEventId()),
                        List.of(used.getEventId(), afterExpiry.getEventId()),
                        List.of(unknown.getEventId()));
        assertThat(violations).filteredOn(v -> v.eventIds().contains(live.getEventId())).isEmpty();
        assertThat(violations).filteredOn(v -> v.rule().equals(Invariants.REVEAL))
                .allSatisfy(v -> assertThat(v.message()).contains("SHOWN to ADMIN"));
    }

    @Test
    void aRevealNamingAnotherUsersLinkIsNamedAndACopyWithoutLinkIdIsNotJudged() {
        ResetRequested request = events.requested("u1", Channel.EMAIL, "a@example.com");
        ResetLinkIssued issued = issue(request);
        var asOther = events.revealed(issued, events.tick());
        asOther.setUserId("u2");
        var withoutLink = events.revealed(issued, issued.getExpiresAt().plus(Duration.ofDays(1)));
        withoutLink.setLinkId(null);
        add(request, issued, events.outcome(issued, DeliveryStatus.SENT, null), asOther, withoutLink);

        List<Violation> reveals = check().stream().filter(v -> v.rule().equals(Invariants.REVEAL)).toList();
        assertThat(reveals).extracting(Violation::eventIds).containsExactly(List.of(issued.getEventId(), asOther.getEventId()));
        assertThat(reveals.get(0).message()).contains("as user u2's, but it was issued to user u1");
    }
}
