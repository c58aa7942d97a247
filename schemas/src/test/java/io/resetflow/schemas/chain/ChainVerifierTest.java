package io.resetflow.schemas.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.serde.AvroEventSerializer;

class ChainVerifierTest {

    private static final String TOPIC = "reset.requested";

    private ChainInterceptor interceptor;

    @BeforeEach
    void setUp() {
        interceptor = new ChainInterceptor();
        interceptor.configure(Map.of("client.id", "api-service"));
    }

    /** Stamps n records (values "event-i", ids "e-i") and returns them as they would be read from one partition. */
    private List<ChainVerifier.Entry> stamped(int n) {
        List<ChainVerifier.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProducerRecord<Object, Object> record = new ProducerRecord<>(TOPIC, "t:u",
                    ("event-" + i).getBytes(StandardCharsets.UTF_8));
            ProducerRecord<Object, Object> out = interceptor.onSend(record);
            entries.add(new ChainVerifier.Entry(TOPIC, 0, i, "e-" + i, header(out), (byte[]) out.value()));
        }
        return entries;
    }

    private static byte[] header(ProducerRecord<Object, Object> record) {
        Header header = record.headers().lastHeader(ChainHeader.NAME);
        return header == null ? null : header.value();
    }

    private static ChainVerifier.Report verify(List<ChainVerifier.Entry> entries) {
        ChainVerifier verifier = new ChainVerifier();
        entries.forEach(verifier::add);
        return verifier.report();
    }

    @Test
    void headerFormatIsProducerSequencePreviousHash() {
        List<ChainVerifier.Entry> entries = stamped(2);
        ChainHeader first = ChainHeader.parse(entries.get(0).chainHeader());
        ChainHeader second = ChainHeader.parse(entries.get(1).chainHeader());
        assertThat(first.producerId()).startsWith("api-service-").isEqualTo(interceptor.producerId());
        assertThat(first.sequence()).isZero();
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(second.sequence()).isEqualTo(1);
        assertThat(second.previousHash())
                .isEqualTo(ChainHeader.link(entries.get(0).chainHeader(), entries.get(0).value()))
                .matches("[0-9a-f]{64}");
        assertThat(new String(entries.get(1).chainHeader(), StandardCharsets.UTF_8))
                .isEqualTo(interceptor.producerId() + ":1:" + second.previousHash());
    }

    @Test
    void sequencesCountPerTopic() {
        ProducerRecord<Object, Object> a = interceptor.onSend(new ProducerRecord<>("a", new byte[] {1}));
        ProducerRecord<Object, Object> b = interceptor.onSend(new ProducerRecord<>("b", new byte[] {1}));
        ProducerRecord<Object, Object> a2 = interceptor.onSend(new ProducerRecord<>("a", new byte[] {2}));
        assertThat(ChainHeader.parse(header(a)).sequence()).isZero();
        assertThat(ChainHeader.parse(header(b)).sequence()).isZero();
        assertThat(ChainHeader.parse(header(a2)).sequence()).isEqualTo(1);
    }

    @Test
    void anIntactChainIsIntact() {
        ChainVerifier.Report report = verify(stamped(5));
        assertThat(report.findings()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.chainedRecords()).isEqualTo(5);
        assertThat(report.chains()).isEqualTo(1);
    }

    @Test
    void aChainSpreadOverPartitionsIsIntact() {
        List<ChainVerifier.Entry> entries = stamped(6);
        List<ChainVerifier.Entry> spread = new ArrayList<>();
        for (ChainVerifier.Entry e : entries) {
            spread.add(new ChainVerifier.Entry(e.topic(), (int) (e.offset() % 3), e.offset() / 3, e.eventId(),
                    e.chainHeader(), e.value()));
        }
        assertThat(verify(spread).findings()).isEmpty();
    }

    @Test
    void aDroppedRecordIsAGapNamingItsNeighbours() {
        List<ChainVerifier.Entry> entries = stamped(5);
        entries.remove(2);
        ChainVerifier.Report report = verify(entries);
        assertThat(report.violations()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.GAP);
            assertThat(f.eventIds()).containsExactly("e-1", "e-3");
            assertThat(f.message()).contains("sequence 2 missing between e-1");
        });
    }

    @Test
    void aDroppedFirstRecordIsAGap() {
        List<ChainVerifier.Entry> entries = stamped(3);
        entries.remove(0);
        assertThat(verify(entries).violations()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.GAP));
    }

    @Test
    void oneAlteredByteIsAMismatch() {
        List<ChainVerifier.Entry> entries = stamped(4);
        ChainVerifier.Entry victim = entries.get(1);
        byte[] altered = victim.value().clone();
        altered[altered.length - 1] ^= 1;
        entries.set(1, new ChainVerifier.Entry(victim.topic(), victim.partition(), victim.offset(), victim.eventId(),
                victim.chainHeader(), altered));
        ChainVerifier.Report report = verify(entries);
        assertThat(report.violations()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.MISMATCH);
            assertThat(f.eventIds()).containsExactly("e-1", "e-2");
        });
    }

    @Test
    void twoSwappedRecordsAreAReorder() {
        List<ChainVerifier.Entry> entries = stamped(4);
        ChainVerifier.Entry a = entries.get(1);
        ChainVerifier.Entry b = entries.get(2);
        // swapped in the log: b now sits at a's offset and the other way round
        entries.set(1, new ChainVerifier.Entry(b.topic(), b.partition(), a.offset(), b.eventId(), b.chainHeader(), b.value()));
        entries.set(2, new ChainVerifier.Entry(a.topic(), a.partition(), b.offset(), a.eventId(), a.chainHeader(), a.value()));
        ChainVerifier.Report report = verify(entries);
        assertThat(report.violations()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.REORDER);
            assertThat(f.eventIds()).containsExactly("e-2", "e-1");
        });
    }

    @Test
    void aCopiedRecordIsADuplicate() {
        List<ChainVerifier.Entry> entries = stamped(3);
        ChainVerifier.Entry copy = entries.get(2);
        entries.add(new ChainVerifier.Entry(copy.topic(), copy.partition(), 3, copy.eventId(), copy.chainHeader(), copy.value()));
        assertThat(verify(entries).violations()).extracting(ChainVerifier.Finding::kind)
                .contains(ChainVerifier.Kind.DUPLICATE);
    }

    @Test
    void recordsWithoutHeaderAreAWarningOnly() {
        List<ChainVerifier.Entry> entries = new ArrayList<>(stamped(2));
        entries.add(new ChainVerifier.Entry(TOPIC, 1, 0, "old-1", null, new byte[] {1}));
        ChainVerifier.Report report = verify(entries);
        assertThat(report.intact()).isTrue();
        assertThat(report.unchainedRecords()).isEqualTo(1);
        assertThat(report.warnings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.UNCHAINED);
            assertThat(f.eventIds()).containsExactly("old-1");
        });
    }

    @Test
    void aMalformedHeaderIsAViolation() {
        ChainVerifier.Report report = verify(List.of(new ChainVerifier.Entry(TOPIC, 0, 0, "x",
                "nonsense".getBytes(StandardCharsets.UTF_8), new byte[0])));
        assertThat(report.violations()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(ChainVerifier.Kind.MALFORMED));
    }

    @Test
    void gapsOnCompactedTopicsAreExpected() {
        List<ChainVerifier.Entry> entries = stamped(4);
        entries.remove(1);
        ChainVerifier verifier = new ChainVerifier(Set.of(TOPIC));
        entries.forEach(verifier::add);
        assertThat(verifier.report().findings()).isEmpty();
    }

    @Test
    void avroValuesAreHashedAsTheSerializerWritesThem() {
        PasswordChanged event = PasswordChanged.newBuilder().setEventId("p-1").setOccurredAt(Instant.EPOCH)
                .setTenantId("t").setCorrelationId("c").setCausationId("c").setUserId("u").setVia("ADMIN").build();
        ProducerRecord<Object, Object> first = interceptor.onSend(new ProducerRecord<>(TOPIC, "t:u", event));
        ProducerRecord<Object, Object> second = interceptor.onSend(new ProducerRecord<>(TOPIC, "t:u", new byte[] {7}));
        byte[] written;
        try (AvroEventSerializer serializer = new AvroEventSerializer()) {
            written = serializer.serialize(TOPIC, event);
        }
        assertThat(ChainHeader.parse(header(second)).previousHash()).isEqualTo(ChainHeader.link(header(first), written));
        ChainVerifier.Report report = verify(List.of(
                new ChainVerifier.Entry(TOPIC, 0, 0, "p-1", header(first), written),
                new ChainVerifier.Entry(TOPIC, 0, 1, "b", header(second), new byte[] {7})));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aRecordWithReadOnlyHeadersIsLeftUnchainedWithoutLeavingAGap() {
        ProducerRecord<Object, Object> sentBefore = new ProducerRecord<>(TOPIC, new byte[] {1});
        ((org.apache.kafka.common.header.internals.RecordHeaders) sentBefore.headers()).setReadOnly();
        assertThat(header(interceptor.onSend(sentBefore))).isNull();
        ProducerRecord<Object, Object> next = interceptor.onSend(new ProducerRecord<>(TOPIC, new byte[] {2}));
        assertThat(ChainHeader.parse(header(next)).sequence()).isZero();
    }

    @Test
    void parsesProducerIdsContainingColons() {
        ChainHeader header = new ChainHeader("host:1-abc", 42, "a".repeat(64));
        assertThat(ChainHeader.parse(header.bytes())).isEqualTo(header);
        assertThat(Collections.singletonList(header.format())).containsExactly("host:1-abc:42:" + "a".repeat(64));
    }
}
