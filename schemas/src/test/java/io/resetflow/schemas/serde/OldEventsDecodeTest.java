package io.resetflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.ResetRequested;

/** An event written by the first release decodes with today's classes, as an auditor's replay needs. */
class OldEventsDecodeTest {

    @Test
    void a_v1_reset_requested_decodes_into_the_current_class_with_defaults_for_new_fields() throws Exception {
        Schema v1 = SchemaHistory.instance().versions(ResetRequested.class).get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("tenantId", "demo");
        old.put("correlationId", "r-1");
        old.put("causationId", "r-1");
        old.put("userId", "u-1");
        old.put("origin", "API");
        old.put("channel", new GenericData.EnumSymbol(v1.getField("channel").schema(), "EMAIL"));
        old.put("recipient", null);
        old.put("maskedRecipient", "a***@example.com");
        old.put("linkBaseUrl", "https://portal.example");
        old.put("tokenTtlSeconds", 604_800L);
        old.put("reuseWindowSeconds", 57_600L);
        old.put("deliveriesPerUserPerHour", 5);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);

        ResetRequested decoded = (ResetRequested) new AvroEventDeserializer().deserialize("reset.requested", raw);

        assertThat(decoded.getEventId()).isEqualTo("e-1");
        assertThat(decoded.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(decoded.getReturnToken()).isFalse();
        assertThat(decoded.getLocale()).isNull();
    }
}
