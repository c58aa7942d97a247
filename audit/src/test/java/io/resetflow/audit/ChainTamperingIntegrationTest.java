package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.chain.ChainHeader;
import io.resetflow.schemas.chain.ChainInterceptor;
import io.resetflow.schemas.serde.AvroEventSerializer;

/**
 * Someone with write access to the broker deletes, alters or reorders events; verify must name each. Every
 * variant lives on its own single-partition topic, stamped by a real {@link ChainInterceptor} and then written
 * as tampered bytes, so the assertions are exact.
 */
class ChainTamperingIntegrationTest {

    /** One stamped event as the producer would have written it. */
    private record Stamped(String eventId, byte[] header, byte[] value) {
    }

    private static List<Stamped> stampFive(String topic) {
        ChainInterceptor interceptor = new ChainInterceptor();
        interceptor.configure(Map.of("client.id", "api-service"));
        Events events = new Events("audit-tamper-" + Events.id(), Instant.now().minusSeconds(60));
        List<Stamped> result = new ArrayList<>();
        try (AvroEventSerializer serializer = new AvroEventSerializer()) {
            for (int i = 0; i < 5; i++) {
                ResetRequested event = events.requested(null, Channel.EMAIL, "user" + i + "@example.com");
                ProducerRecord<Object, Object> stamped = interceptor.onSend(new ProducerRecord<>(topic, "k", event));
                result.add(new Stamped(event.getEventId(), stamped.headers().lastHeader(ChainHeader.NAME).value(),
                        serializer.serialize(topic, event)));
            }
        }
        return result;
    }

    private static void write(String topic, List<Stamped> records) {
        Kafka.createTopics(List.of(topic), 1);
        try (KafkaProducer<byte[], byte[]> producer = Kafka.rawProducer()) {
            for (Stamped s : records) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8), s.value());
                if (s.header() != null) {
                    record.headers().add(ChainHeader.NAME, s.header());
                }
                record.headers().add(EventHeaders.EVENT_ID, s.eventId().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cli.Result verify(String topic) {
        return Cli.run("verify", "--bootstrap-server", Kafka.bootstrap(), "--topic", topic);
    }

    private static String topic(String variant) {
        return "audit-it-" + variant + "-" + Events.id() + ".reset.requested";
    }

    private static List<String> violations(Cli.Result result) {
        return result.out().lines().filter(l -> l.startsWith("VIOLATION")).toList();
    }

    @Test
    void anUntouchedLogIsIntact() {
        String topic = topic("intact");
        write(topic, stampFive(topic));

        Cli.Result result = verify(topic);

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("verify: OK, no violations; 5 events, 5 requests, 1 chains (5 chained, 0 unchained");
    }

    @Test
    void oneAlteredByteIsNamed() {
        String topic = topic("altered");
        List<Stamped> records = stampFive(topic);
        Stamped victim = records.get(2);
        byte[] altered = victim.value().clone();
        int at = indexOf(altered, "u***@example.com".getBytes(StandardCharsets.UTF_8));
        altered[at] = 'v'; // the masked recipient now points at someone else; the chain header is kept
        records.set(2, new Stamped(victim.eventId(), victim.header(), altered));
        write(topic, records);

        Cli.Result result = verify(topic);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(violations(result)).singleElement().asString()
                .startsWith("VIOLATION [chain-mismatch] hash mismatch in chain api-service-")
                .contains(records.get(2).eventId() + " (" + topic + "/0@2, sequence 2) does not hash to the previous hash carried by "
                        + records.get(3).eventId() + " (" + topic + "/0@3, sequence 3)")
                .endsWith("events: " + records.get(2).eventId() + ", " + records.get(3).eventId());
    }

    @Test
    void aDeletedEventIsNamed() {
        String topic = topic("dropped");
        List<Stamped> records = stampFive(topic);
        Stamped dropped = records.remove(2);
        write(topic, records);

        Cli.Result result = verify(topic);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(violations(result)).singleElement().asString()
                .startsWith("VIOLATION [chain-gap] gap in chain api-service-")
                .contains("sequence 2 missing between " + records.get(1).eventId() + " (" + topic + "/0@1, sequence 1) and "
                        + records.get(2).eventId() + " (" + topic + "/0@2, sequence 3)")
                .doesNotContain(dropped.eventId());
    }

    @Test
    void twoSwappedEventsAreNamed() {
        String topic = topic("swapped");
        List<Stamped> records = stampFive(topic);
        List<Stamped> swapped = new ArrayList<>(records);
        swapped.set(1, records.get(3));
        swapped.set(3, records.get(1));
        write(topic, swapped);

        Cli.Result result = verify(topic);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(violations(result)).hasSize(2).allSatisfy(v -> assertThat(v).startsWith("VIOLATION [chain-reorder]"));
        assertThat(violations(result).get(0)).contains(records.get(2).eventId() + " (" + topic + "/0@2, sequence 2) comes after "
                + records.get(3).eventId() + " (" + topic + "/0@1, sequence 3)");
        assertThat(violations(result).get(1)).contains(records.get(1).eventId() + " (" + topic + "/0@3, sequence 1) comes after "
                + records.get(2).eventId() + " (" + topic + "/0@2, sequence 2)");
    }

    @Test
    void recordsThatAreNoEventsAreReportedAndReadingGoesOn() {
        String topic = topic("garbage");
        List<Stamped> records = new ArrayList<>(stampFive(topic).subList(0, 1));
        records.add(0, new Stamped("not-an-event", null, "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)));
        write(topic, records);

        Cli.Result replay = Cli.run("replay", "--bootstrap-server", Kafka.bootstrap(), "--topic", topic);
        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.err()).contains("undecodable record " + topic + "/0@0: not an Avro single-object encoded resetflow event");
        assertThat(replay.out()).contains(records.get(1).eventId());

        Cli.Result verify = verify(topic);
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(1);
        assertThat(violations(verify)).singleElement().asString()
                .startsWith("VIOLATION [decode] record " + topic + "/0@0 is not a decodable resetflow event");
        assertThat(verify.err()).contains("warning: 1 record(s) on " + topic + " carry no chain header");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
