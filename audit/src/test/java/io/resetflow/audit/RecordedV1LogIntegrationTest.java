package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Auditors replay old events with new code: the log recorded from the first schema versions (no chain headers)
 * is loaded into the real broker as it was written, and today's replay and verify must read all of it.
 */
class RecordedV1LogIntegrationTest {

    private static final String PREFIX = "audit-it-v1-" + Events.id() + ".";
    private static final List<RecordedV1Log.Line> LOG = RecordedV1Log.load();
    private static final Set<String> TOPICS = new LinkedHashSet<>();

    @BeforeAll
    static void loadTheRecordedLog() throws Exception {
        LOG.forEach(line -> TOPICS.add(PREFIX + line.topic()));
        Kafka.createTopics(List.copyOf(TOPICS), 3);
        try (KafkaProducer<byte[], byte[]> producer = Kafka.rawProducer()) {
            for (RecordedV1Log.Line line : LOG) {
                producer.send(new ProducerRecord<>(PREFIX + line.topic(), line.key().getBytes(StandardCharsets.UTF_8),
                        line.value())).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void todaysReplayRebuildsTheFirstReleasesLog() throws Exception {
        Cli.Result result = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--topic", String.join(",", TOPICS),
                "--format", "json");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).doesNotContain("undecodable record").contains("9 decoded, 0 undecodable");
        List<String> users = new ArrayList<>();
        List<List<String>> timelines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : result.out().strip().split("\n")) {
            JsonNode timeline = json.readTree(line);
            List<String> types = new ArrayList<>();
            timeline.get("events").forEach(e -> {
                types.add(e.get("type").asText());
                assertThat(e.get("event").get("tenantId").asText()).isEqualTo(RecordedV1Log.TENANT);
            });
            timelines.add(types);
            users.add(timeline.get("userId").isNull() ? null : timeline.get("userId").asText());
        }
        assertThat(timelines).containsExactly(
                List.of("TenantSettingsChanged"),
                List.of("ResetRequested", "ResetLinkIssued", "DeliveryOutcome", "ResetLinkRedeemed", "PasswordChanged"),
                List.of("ResetRequested", "ResetRequestThrottled"),
                List.of("ResetRequested"));
        assertThat(users).containsExactly(null, "user-alice", "user-bob", null);
        // fields added after v1 are filled with their defaults
        assertThat(result.out()).contains("\"returnToken\":false", "\"locale\":null");
    }

    @Test
    void todaysVerifyFindsTheOldLogCleanButUnchained() {
        Cli.Result result = Cli.run("verify", "--bootstrap-server", Kafka.bootstrap(), "--topic", String.join(",", TOPICS));

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("verify: OK, no violations; 9 events, 3 requests, 0 chains (0 chained, 9 unchained");
        assertThat(result.err()).contains("warning: ").contains("carry no chain header");
    }
}
