package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetLinkRevealed;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.avro.TenantSettingsChanged;

/**
 * A realistic log on the real broker, written by a producer configured like the services' (acks=all, idempotent,
 * Avro, chained): requests, a resend within the reuse window, a throttle, an unknown account, a delivery failure,
 * a token handed back to a secret-key caller, a successful redemption; and in a second tenant a redemption of
 * an expired link, redeemed twice. replay must rebuild it, verify must pass the first tenant and name the second's
 * violations, export must write one JSON line per event.
 */
class AuditScenarioIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "alice@example.com";

    static final String TENANT = "audit-it-" + Events.id();
    static final String BAD_TENANT = "audit-it-expired-" + Events.id();

    /** requestId -> the event types of its timeline, in order. */
    static final Map<String, List<String>> expected = new LinkedHashMap<>();
    static final List<SpecificRecord> written = new ArrayList<>();
    static String resendRequest;
    static String aliceUser = "user-" + Events.id();
    static ResetLinkRedeemed expiredRedemption;
    static ResetLinkRedeemed secondRedemption;
    static ResetLinkIssued expiredIssue;
    static ResetLinkRevealed lateReveal;

    @BeforeAll
    static void writeTheLog() {
        Instant now = Instant.now();
        Events a = new Events(TENANT, now.minus(Duration.ofHours(2)));
        try (KafkaProducer<String, SpecificRecord> producer = Kafka.eventProducer("audit-it")) {
            TenantSettingsChanged settings = a.settings();
            emit(producer, settings.getCorrelationId(), settings);

            ResetRequested r1 = a.requested(aliceUser, Channel.EMAIL, ALICE);
            Instant issuedAt = a.tick();
            ResetLinkIssued i1 = a.issued(r1, "link-" + Events.id(), false, issuedAt, issuedAt.plus(Duration.ofDays(7)), ALICE);
            // support staff looked at the live link in the console before alice used it
            emit(producer, r1.getCorrelationId(), r1, i1, a.outcome(i1, DeliveryStatus.SENT, null), a.revealed(i1, a.tick()));

            ResetRequested r2 = a.requested(aliceUser, Channel.EMAIL, ALICE);
            resendRequest = r2.getCorrelationId();
            ResetLinkIssued i2 = a.issued(r2, i1.getLinkId(), true, issuedAt, i1.getExpiresAt(), ALICE);
            emit(producer, r2.getCorrelationId(), r2, i2, a.outcome(i2, DeliveryStatus.SENT, null));

            ResetRequested r3 = a.requested("user-bob", Channel.EMAIL, "bob@example.com");
            emit(producer, r3.getCorrelationId(), r3, a.throttled(r3));

            ResetRequested r4 = a.requested(null, Channel.EMAIL, "nobody@example.com");
            emit(producer, r4.getCorrelationId(), r4);

            ResetRequested r5 = a.requested("user-carol", Channel.SMS, "+14155550199");
            Instant carolIssued = a.tick();
            ResetLinkIssued i5 = a.issued(r5, "link-" + Events.id(), false, carolIssued, carolIssued.plus(Duration.ofDays(7)),
                    "+14155550199");
            emit(producer, r5.getCorrelationId(), r5, i5, a.outcome(i5, DeliveryStatus.FAILED_PERMANENT, "unreachable number"));

            ResetRequested r6 = a.requested("user-dave", Channel.NONE, null);
            Instant daveIssued = a.tick();
            emit(producer, r6.getCorrelationId(), r6,
                    a.issued(r6, "link-" + Events.id(), false, daveIssued, daveIssued.plus(Duration.ofDays(7)), null));

            ResetLinkRedeemed x1 = a.redeemed(i1);
            PasswordChanged p1 = a.passwordChanged(x1, ALICE);
            emit(producer, r1.getCorrelationId(), x1, p1);

            // second tenant: a link redeemed a day after it expired, then once more
            Events b = new Events(BAD_TENANT, now.minus(Duration.ofDays(9)));
            ResetRequested rb = b.requested("user-erin", Channel.EMAIL, "erin@example.com");
            Instant erinIssued = b.tick();
            expiredIssue = b.issued(rb, "link-" + Events.id(), false, erinIssued, erinIssued.plus(Duration.ofDays(7)),
                    "erin@example.com");
            expiredRedemption = b.redeemed(expiredIssue, erinIssued.plus(Duration.ofDays(8)));
            secondRedemption = b.redeemed(expiredIssue, erinIssued.plus(Duration.ofDays(8)).plusSeconds(5));
            lateReveal = b.revealed(expiredIssue, erinIssued.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
            for (SpecificRecord e : List.of(rb, expiredIssue, b.outcome(expiredIssue, DeliveryStatus.SENT, null),
                    lateReveal, expiredRedemption, secondRedemption)) {
                Kafka.send(producer, e);
            }
        }
    }

    private static void emit(KafkaProducer<String, SpecificRecord> producer, String requestId, SpecificRecord... events) {
        for (SpecificRecord e : events) {
            Kafka.send(producer, e);
            written.add(e);
            expected.computeIfAbsent(requestId, k -> new ArrayList<>()).add(e.getSchema().getName());
        }
    }

    private static String eventId(SpecificRecord e) {
        return String.valueOf(e.get(e.getSchema().getField("eventId").pos()));
    }

    @Test
    void replayRebuildsEveryRequestsTimeline() throws Exception {
        Cli.Result result = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT, "--format", "json");

        assertThat(result.exit()).as(result.toString()).isZero();
        Map<String, List<String>> timelines = new LinkedHashMap<>();
        for (String line : result.out().strip().split("\n")) {
            JsonNode timeline = JSON.readTree(line);
            assertThat(timeline.get("tenantId").asText()).isEqualTo(TENANT);
            List<String> types = new ArrayList<>();
            timeline.get("events").forEach(e -> types.add(e.get("type").asText()));
            timelines.put(timeline.get("requestId").asText(), types);
        }
        assertThat(timelines).containsExactlyEntriesOf(expected);
        assertThat(expected.values()).contains(
                List.of("ResetRequested", "ResetLinkIssued", "DeliveryOutcome", "ResetLinkRevealed", "ResetLinkRedeemed",
                        "PasswordChanged"),
                List.of("ResetRequested", "ResetRequestThrottled"),
                List.of("ResetRequested"));
        assertThat(result.err()).contains("replay: " + written.size() + " events shown in " + expected.size() + " requests");
    }

    @Test
    void theTableShowsMaskedAddressesAndSealedValuesOnly() {
        Cli.Result result = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT);

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("request " + resendRequest + "  tenant " + TENANT + "  user " + aliceUser + "  3 events")
                .contains("resend=true", "maskedRecipient=a***@example.com", "link=sealed(" + Events.KEY_ID + ")",
                        "recipient=sealed(" + Events.KEY_ID + ")", "status=FAILED_PERMANENT", "reason=unreachable number",
                        "user (unknown account)")
                .doesNotContain(ALICE, "bob@example.com", "+14155550199", "/reset/");
        for (SpecificRecord e : written) {
            assertThat(result.out()).contains(eventId(e));
        }
    }

    @Test
    void filtersByUserTypeAndRequestAndWritesCsv() {
        Cli.Result byUser = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT,
                "--user", aliceUser, "--type", "ResetRequested,ResetLinkRedeemed", "--format", "csv", "--no-progress");
        assertThat(byUser.exit()).as(byUser.toString()).isZero();
        List<String> lines = byUser.out().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("requestId,occurredAt,type,eventId");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[2])
                .containsExactly("ResetRequested", "ResetLinkRedeemed", "ResetRequested");

        Cli.Result byRequest = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--request", resendRequest,
                "--format", "csv");
        assertThat(byRequest.out().strip().lines().skip(1)).hasSize(3).allMatch(l -> l.startsWith(resendRequest + ","));
    }

    @Test
    void verifyIsCleanForTheRealisticTenant() {
        Cli.Result result = Cli.run("verify", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT);

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out().strip()).startsWith("verify: OK, no violations; tenant " + TENANT + ": "
                + written.size() + " events, 6 requests").doesNotContain("\n");
    }

    @Test
    void verifyNamesTheExpiredAndTheRepeatedRedemption() {
        Cli.Result result = Cli.run("verify", "--bootstrap-server", Kafka.bootstrap(), "--tenant", BAD_TENANT);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("VIOLATION [redemption] link " + expiredIssue.getLinkId() + " (tenant "
                + BAD_TENANT + ") redeemed by " + expiredRedemption.getEventId() + " at ")
                .contains("after it expired at " + expiredIssue.getExpiresAt())
                .contains("redeemed again by " + secondRedemption.getEventId() + " after " + expiredRedemption.getEventId())
                .contains("VIOLATION [reveal] ResetLinkRevealed " + lateReveal.getEventId() + " (SHOWN to ADMIN ")
                .contains("reveals link " + expiredIssue.getLinkId() + ", which expired at " + expiredIssue.getExpiresAt())
                .contains("verify: 4 violations");
        assertThat(result.out().lines().filter(l -> l.startsWith("VIOLATION"))).hasSize(4)
                .filteredOn(l -> l.startsWith("VIOLATION [redemption]")).hasSize(3);
    }

    @Test
    void exportWritesOneJsonLinePerEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("archive/log.jsonl");
        Cli.Result result = Cli.run("export", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT,
                "--from", Instant.now().minus(Duration.ofDays(1)).toString(), "--output", file.toString());

        assertThat(result.exit()).as(result.toString()).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(written.size());
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.fieldNames()).toIterable()
                    .containsExactly("topic", "partition", "offset", "timestamp", "type", "event");
            assertThat(event.get("event").get("tenantId").asText()).isEqualTo(TENANT);
            JsonNode link = event.get("event").get("link");
            if (link != null) {
                assertThat(link.toString()).isEqualTo("{\"keyId\":\"" + Events.KEY_ID + "\"}");
            }
            ids.add(event.get("event").get("eventId").asText());
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(written.stream().map(AuditScenarioIntegrationTest::eventId).toList());
        assertThat(String.join("\n", lines)).doesNotContain(ALICE, "/reset/");
        assertThat(dir.resolve("archive/log.jsonl.partial")).doesNotExist();
    }

    @Test
    void aTimeRangeInTheFutureReadsNothing() {
        Cli.Result result = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--tenant", TENANT,
                "--from", Instant.now().plus(Duration.ofDays(1)).toString(), "--format", "json");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
    }
}
