package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.schemas.serde.SchemaHistory;

/** The checked-in log really is first-release bytes, and today's deserializer reads every record of it. */
class RecordedV1LogTest {

    @Test
    void everyRecordIsV1EncodedAndDecodesWithTodaysCode() {
        List<RecordedV1Log.Line> lines = RecordedV1Log.load();
        assertThat(lines).hasSize(9);
        AvroEventDeserializer deserializer = new AvroEventDeserializer();
        for (RecordedV1Log.Line line : lines) {
            Class<? extends SpecificRecord> type = SchemaHistory.EVENT_TYPES.stream()
                    .filter(t -> t.getSimpleName().equals(line.type())).findFirst().orElseThrow();
            long v1 = SchemaHistory.fingerprint(SchemaHistory.instance().versions(type).get(0));
            assertThat(fingerprint(line.value())).as(line.type()).isEqualTo(v1);

            SpecificRecord event = deserializer.deserialize(line.topic(), line.value());
            assertThat(event).isInstanceOf(type);
            assertThat(event.get(event.getSchema().getField("eventId").pos())).hasToString(line.eventId());
        }
    }

    private static long fingerprint(byte[] singleObject) {
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (singleObject[i] & 0xFF);
        }
        return fingerprint;
    }
}
