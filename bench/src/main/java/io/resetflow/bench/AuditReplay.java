package io.resetflow.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

import io.resetflow.audit.AuditCli;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.avro.Sealed;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.serde.AvroEventSerializer;
import io.resetflow.testsupport.KafkaBroker;

/**
 * Audit replay rate: a log of N realistic events (per reset a ResetRequested, a ResetLinkIssued and a DeliveryOutcome,
 * Avro single-object encoded by {@link AvroEventSerializer}, sealed values of realistic size) written onto a
 * standalone broker, then {@code resetflow-audit replay --format csv} run in this JVM with its output thrown away.
 */
final class AuditReplay {

    record Result(long events, double writeSeconds, double replaySeconds, double eventsPerSecond, int exitCode,
                  String summaryLine) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("events", events);
            m.put("writeSeconds", writeSeconds);
            m.put("replaySeconds", replaySeconds);
            m.put("eventsPerSecond", eventsPerSecond);
            m.put("exitCode", exitCode);
            m.put("summary", summaryLine);
            return m;
        }
    }

    private AuditReplay() {
    }

    static Result run(Path dataDir, long events) throws Exception {
        Bench.deleteRecursively(dataDir);
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0)) {
            long started = System.nanoTime();
            long written = write(broker.bootstrapServers(), events);
            double writeSeconds = (System.nanoTime() - started) / 1e9;

            StringWriter err = new StringWriter();
            CommandLine cli = AuditCli.commandLine();
            cli.setOut(new PrintWriter(Writer.nullWriter()));
            cli.setErr(new PrintWriter(err));
            long replayStarted = System.nanoTime();
            int exit = cli.execute("replay", "--bootstrap-server", broker.bootstrapServers(), "--format", "csv",
                    "--no-progress", "--timeout", "PT120S");
            double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
            String summary = err.toString().lines().filter(l -> l.startsWith("replay:")).findFirst().orElse(err.toString().strip());
            return new Result(written, writeSeconds, replaySeconds, written / replaySeconds, exit, summary);
        }
    }

    /** Writes exactly {@code events} events (the last reset may be incomplete) and returns how many. */
    static long write(String bootstrap, long events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroEventSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
        SplittableRandom random = new SplittableRandom(42);
        long resets = (events + 2) / 3;
        long written = 0;
        Instant base = Instant.now().minus(Duration.ofDays(30));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < resets; i++) {
                String tenant = "tenant-" + (i % 7);
                String userId = new UUID(random.nextLong(), i).toString();
                String key = Topics.key(tenant, userId);
                String requestId = UUID.randomUUID().toString();
                String requestedId = UUID.randomUUID().toString();
                String issuedId = UUID.randomUUID().toString();
                String masked = Mask.address("user" + (i % 100_000) + "@example.com");
                Instant at = base.plusMillis(i * 2);
                ResetRequested requested = ResetRequested.newBuilder()
                        .setEventId(requestedId).setOccurredAt(at).setTenantId(tenant).setCorrelationId(requestId)
                        .setCausationId(requestId).setUserId(userId).setOrigin("API").setChannel(Channel.EMAIL)
                        .setRecipient(sealed(random, 24)).setMaskedRecipient(masked)
                        .setLinkBaseUrl("https://reset.example.com").setTokenTtlSeconds(604_800).setReuseWindowSeconds(57_600)
                        .setDeliveriesPerUserPerHour(5).setReturnToken(false).setLocale("en").build();
                ResetLinkIssued issued = ResetLinkIssued.newBuilder()
                        .setEventId(issuedId).setOccurredAt(at.plusMillis(40)).setTenantId(tenant).setCorrelationId(requestId)
                        .setCausationId(requestedId).setUserId(userId).setLinkId(UUID.randomUUID().toString())
                        .setResend(i % 5 == 0).setIssuedAt(at.plusMillis(40)).setExpiresAt(at.plus(Duration.ofDays(7)))
                        .setChannel(Channel.EMAIL).setRecipient(sealed(random, 24)).setMaskedRecipient(masked)
                        .setLink(sealed(random, 75)).setLocale("en").build();
                DeliveryOutcome outcome = DeliveryOutcome.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(at.plusMillis(120)).setTenantId(tenant)
                        .setCorrelationId(requestId).setCausationId(issuedId).setUserId(userId).setLinkId(issued.getLinkId())
                        .setChannel(Channel.EMAIL).setMaskedRecipient(masked).setStatus(DeliveryStatus.SENT).setAttempt(1)
                        .setReason(null).setProviderMessageId("<" + UUID.randomUUID() + "@resetflow.local>").build();
                SpecificRecord[] chain = {requested, issued, outcome};
                String[] topics = {Topics.RESET_REQUESTED, Topics.LINK_ISSUED, Topics.DELIVERY_OUTCOME};
                for (int k = 0; k < 3 && written < events; k++, written++) {
                    producer.send(new ProducerRecord<>(topics[k], key, chain[k]));
                }
            }
            producer.flush();
        }
        return written;
    }

    /** An AES-GCM-shaped sealed value: 12-byte nonce, plaintext length + 16-byte tag of random bytes. */
    static Sealed sealed(SplittableRandom random, int plaintextBytes) {
        byte[] nonce = new byte[12];
        byte[] ciphertext = new byte[plaintextBytes + 16];
        random.nextBytes(nonce);
        random.nextBytes(ciphertext);
        return Sealed.newBuilder().setKeyId("k1").setNonce(ByteBuffer.wrap(nonce)).setCiphertext(ByteBuffer.wrap(ciphertext))
                .build();
    }
}
