package io.resetflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.avro.Sealed;

class AvroEventSerdeTest {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    @Test
    void writes_single_object_encoding_with_the_writer_fingerprint() {
        byte[] bytes = serializer.serialize("t", outcome());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaHistory.fingerprint(DeliveryOutcome.SCHEMA$));
    }

    @Test
    void round_trips_every_event_type_and_tags_the_type_header() {
        RecordHeaders headers = new RecordHeaders();
        ResetRequested requested = ResetRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setTenantId("t1").setCorrelationId("c1").setCausationId("c1").setUserId(null)
                .setChannel(Channel.EMAIL)
                .setRecipient(Sealed.newBuilder().setKeyId("k").setNonce(ByteBuffer.wrap(new byte[12]))
                        .setCiphertext(ByteBuffer.wrap(new byte[]{1, 2, 3})).build())
                .setMaskedRecipient("a***@example.com").setLinkBaseUrl("https://portal.example")
                .setTokenTtlSeconds(604800).setReuseWindowSeconds(57600).setDeliveriesPerUserPerHour(5).build();
        byte[] bytes = serializer.serialize("reset.requested", headers, requested);
        assertThat(deserializer.deserialize("reset.requested", bytes)).isEqualTo(requested);
        assertThat(new String(headers.lastHeader(EventHeaders.EVENT_TYPE).value())).isEqualTo("ResetRequested");
        assertThat(deserializer.deserialize("delivery.outcome", serializer.serialize("x", outcome()))).isEqualTo(outcome());
    }

    @Test
    void refuses_bytes_that_are_not_a_resetflow_event() {
        byte[] foreign = new StringSerializer().serialize("t", "{\"EmailAddress\":\"x\"}");
        assertThatThrownBy(() -> deserializer.deserialize("reset.requested", foreign))
                .isInstanceOf(SerializationException.class).hasMessageContaining("single-object");
    }

    @Test
    void refuses_an_unknown_writer_schema() {
        byte[] bytes = serializer.serialize("t", outcome());
        bytes[5] ^= 0x5A;
        assertThatThrownBy(() -> deserializer.deserialize("delivery.outcome", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown writer schema");
    }

    @Test
    void refuses_a_truncated_event_without_crashing() {
        byte[] bytes = serializer.serialize("t", outcome());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> deserializer.deserialize("delivery.outcome", truncated))
                .isInstanceOf(SerializationException.class);
    }

    private static DeliveryOutcome outcome() {
        return DeliveryOutcome.newBuilder()
                .setEventId("8d7c5a1e-0000-4000-8000-000000000001").setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setTenantId("t1").setCorrelationId("c1").setCausationId("e1").setUserId("u1").setLinkId("l1")
                .setChannel(Channel.EMAIL).setMaskedRecipient("a***@example.com").setStatus(DeliveryStatus.SENT)
                .setAttempt(1).setReason(null).setProviderMessageId("<m1@x>").build();
    }
}
