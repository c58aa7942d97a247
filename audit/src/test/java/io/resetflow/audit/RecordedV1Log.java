package io.resetflow.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import io.resetflow.schemas.serde.SchemaHistory;

/**
 * A small log as the first release wrote it: every event encoded with its {@code history/<Event>/v1.avsc}
 * schema (GenericRecord + BinaryMessageEncoder, so no current class is involved), without chain headers (the
 * first release had none). Stored once as {@value #RESOURCE}, one JSON line per record
 * ({@code topic}, {@code key}, {@code eventId}, {@code type}, {@code value} = base64 of the single-object
 * encoding), and never regenerated: every new release must still replay it. {@link #main} wrote it.
 */
final class RecordedV1Log {

    static final String RESOURCE = "/recorded/v1-log.jsonl";
    static final String TENANT = "legacy-v1";

    record Line(String topic, String key, String eventId, String type, byte[] value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedV1Log() {
    }

    static List<Line> load() {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = RecordedV1Log.class.getResourceAsStream(RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                lines.add(new Line(node.get("topic").asText(), node.get("key").asText(), node.get("eventId").asText(),
                        node.get("type").asText(), Base64.getDecoder().decode(node.get("value").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Writes the recorded log to {@code args[0]} (run once; the file is checked in). */
    public static void main(String[] args) throws IOException {
        Generator g = new Generator(Instant.parse("2026-01-15T09:00:00Z"));
        String settingsId = g.id();
        GenericRecord settings = g.record(TenantSettingsChanged.class, settingsId, settingsId, settingsId);
        settings.put("changedBy", "admin-1");
        settings.put("linkBaseUrl", "https://legacy.example");
        settings.put("tokenTtlSeconds", Duration.ofDays(7).toSeconds());
        settings.put("reuseWindowSeconds", Duration.ofHours(16).toSeconds());
        settings.put("deliveriesPerUserPerHour", 5);
        settings.put("revealUnknownAccounts", false);
        settings.put("senderAddress", "no-reply@legacy.example");
        settings.put("smsAllowedCountryCodes", List.of());
        settings.put("smsDailyCapPerNumber", 10);
        g.add(settings, null);

        // alice: requested, issued, sent, redeemed, password changed
        String r1 = g.id();
        GenericRecord alice = g.request(r1, "user-alice", "a***@example.com");
        GenericRecord issued = g.record(ResetLinkIssued.class, g.id(), r1, id(alice));
        issued.put("userId", "user-alice");
        issued.put("linkId", "link-alice-1");
        issued.put("resend", false);
        issued.put("issuedAt", g.now());
        issued.put("expiresAt", g.now() + Duration.ofDays(7).toMillis());
        issued.put("channel", g.channel(issued, "EMAIL"));
        issued.put("recipient", g.sealed(issued.getSchema().getField("recipient").schema()));
        issued.put("maskedRecipient", "a***@example.com");
        issued.put("link", g.sealed(issued.getSchema().getField("link").schema()));
        g.add(issued, "user-alice");
        GenericRecord sent = g.record(DeliveryOutcome.class, g.id(), r1, id(issued));
        sent.put("userId", "user-alice");
        sent.put("linkId", "link-alice-1");
        sent.put("channel", g.channel(sent, "EMAIL"));
        sent.put("maskedRecipient", "a***@example.com");
        sent.put("status", new GenericData.EnumSymbol(sent.getSchema().getField("status").schema(), "SENT"));
        sent.put("attempt", 1);
        sent.put("providerMessageId", "<legacy-1@smtp.legacy.example>");
        g.add(sent, "user-alice");
        GenericRecord redeemed = g.record(ResetLinkRedeemed.class, g.id(), r1, id(issued));
        redeemed.put("userId", "user-alice");
        redeemed.put("linkId", "link-alice-1");
        redeemed.put("issuedAt", issued.get("issuedAt"));
        redeemed.put("expiresAt", issued.get("expiresAt"));
        redeemed.put("via", "PAGE");
        g.add(redeemed, "user-alice");
        GenericRecord changed = g.record(PasswordChanged.class, g.id(), r1, r1);
        changed.put("userId", "user-alice");
        changed.put("linkId", "link-alice-1");
        changed.put("via", "RESET_PAGE");
        changed.put("maskedRecipient", "a***@example.com");
        g.add(changed, "user-alice");

        // bob: throttled
        String r2 = g.id();
        GenericRecord bob = g.request(r2, "user-bob", "b***@example.com");
        GenericRecord throttled = g.record(ResetRequestThrottled.class, g.id(), r2, id(bob));
        throttled.put("userId", "user-bob");
        throttled.put("channel", g.channel(throttled, "EMAIL"));
        throttled.put("maskedRecipient", "b***@example.com");
        throttled.put("deliveriesInWindow", 5);
        throttled.put("limit", 5);
        throttled.put("windowSeconds", 3600L);
        throttled.put("reason", "DELIVERIES_PER_USER_PER_HOUR");
        g.add(throttled, "user-bob");

        // an unknown account
        g.request(g.id(), null, "n***@example.com");

        Files.createDirectories(Path.of(args[0]).toAbsolutePath().getParent());
        Files.write(Path.of(args[0]), g.lines, StandardCharsets.UTF_8);
    }

    private static String id(GenericRecord record) {
        return record.get("eventId").toString();
    }

    private static final class Generator {
        private final List<String> lines = new ArrayList<>();
        private long clock;
        private int ids;

        Generator(Instant start) {
            this.clock = start.toEpochMilli();
        }

        String id() {
            return UUID.nameUUIDFromBytes(("legacy-v1-" + ids++).getBytes(StandardCharsets.UTF_8)).toString();
        }

        long now() {
            return clock;
        }

        static Schema v1(Class<? extends SpecificRecord> type) {
            return SchemaHistory.instance().versions(type).get(0);
        }

        GenericRecord record(Class<? extends SpecificRecord> type, String eventId, String correlationId, String causationId) {
            clock += 1000;
            GenericRecord record = new GenericData.Record(v1(type));
            record.put("eventId", eventId);
            record.put("occurredAt", clock);
            record.put("tenantId", TENANT);
            record.put("correlationId", correlationId);
            record.put("causationId", causationId);
            return record;
        }

        GenericRecord request(String requestId, String userId, String masked) {
            GenericRecord r = record(ResetRequested.class, id(), requestId, requestId);
            r.put("userId", userId);
            r.put("origin", "API");
            r.put("channel", channel(r, "EMAIL"));
            Schema recipient = r.getSchema().getField("recipient").schema().getTypes().get(1);
            r.put("recipient", sealed(recipient));
            r.put("maskedRecipient", masked);
            r.put("linkBaseUrl", "https://legacy.example");
            r.put("tokenTtlSeconds", Duration.ofDays(7).toSeconds());
            r.put("reuseWindowSeconds", Duration.ofHours(16).toSeconds());
            r.put("deliveriesPerUserPerHour", 5);
            add(r, userId);
            return r;
        }

        GenericData.EnumSymbol channel(GenericRecord record, String symbol) {
            return new GenericData.EnumSymbol(record.getSchema().getField("channel").schema(), symbol);
        }

        /** Sealed as the first release did: key id and random-looking bytes (no key is needed to audit). */
        GenericRecord sealed(Schema schema) {
            GenericRecord sealed = new GenericData.Record(schema);
            sealed.put("keyId", "k2026-01");
            sealed.put("nonce", ByteBuffer.wrap(UUID.nameUUIDFromBytes(("n" + ids).getBytes(StandardCharsets.UTF_8))
                    .toString().substring(0, 12).getBytes(StandardCharsets.UTF_8)));
            sealed.put("ciphertext", ByteBuffer.wrap(("ciphertext-" + ids).getBytes(StandardCharsets.UTF_8)));
            return sealed;
        }

        void add(GenericRecord record, String userId) {
            try {
                ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
                byte[] bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
                String type = record.getSchema().getName();
                ObjectNode line = JSON.createObjectNode();
                line.put("topic", Topics.TOPIC_BY_EVENT.get(type));
                line.put("key", Topics.key(TENANT, userId));
                line.put("eventId", record.get("eventId").toString());
                line.put("type", type);
                line.put("value", Base64.getEncoder().encodeToString(bytes));
                lines.add(JSON.writeValueAsString(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
