package io.resetflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.avro.DeliveryOutcome;

/** Fails the build on any .avsc change that an auditor's replay or an older consumer could not read. */
class SchemaCompatibilityTest {

    static List<Class<? extends SpecificRecord>> events() {
        return SchemaHistory.EVENT_TYPES;
    }

    @ParameterizedTest
    @MethodSource("events")
    void current_schema_reads_and_is_read_by_every_released_version(Class<? extends SpecificRecord> type) {
        List<Schema> released = SchemaHistory.instance().versions(type);
        assertThat(released).as("released versions of %s", type.getSimpleName()).isNotEmpty();
        assertThat(Compatibility.problems(SchemaHistory.currentSchema(type), released)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_schema_change_is_released_as_a_new_version_file(Class<? extends SpecificRecord> type) {
        List<Schema> released = SchemaHistory.instance().versions(type);
        Schema latest = released.get(released.size() - 1);
        assertThat(SchemaHistory.fingerprint(SchemaHistory.currentSchema(type)))
                .as("%s changed: add history/%s/v%d.avsc with the new schema", type.getSimpleName(),
                        type.getSimpleName(), released.size() + 1)
                .isEqualTo(SchemaHistory.fingerprint(latest));
    }

    @Test
    void a_new_required_field_without_default_is_refused() {
        Schema breaking = withExtraField(DeliveryOutcome.SCHEMA$, "{\"name\":\"mandatory\",\"type\":\"string\"}");
        assertThat(Compatibility.problems(breaking, SchemaHistory.instance().versions(DeliveryOutcome.class)))
                .anySatisfy(problem -> assertThat(problem).contains("mandatory"));
    }

    @Test
    void a_removed_required_field_is_refused() {
        String json = DeliveryOutcome.SCHEMA$.toString().replace(
                "{\"name\":\"attempt\",\"type\":\"int\"},", "");
        Schema breaking = new Schema.Parser().parse(json);
        assertThat(breaking.getField("attempt")).isNull();
        assertThat(Compatibility.problems(breaking, SchemaHistory.instance().versions(DeliveryOutcome.class)))
                .isNotEmpty();
    }

    @Test
    void a_new_optional_field_with_default_is_accepted() {
        Schema compatible = withExtraField(DeliveryOutcome.SCHEMA$,
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
        assertThat(Compatibility.problems(compatible, SchemaHistory.instance().versions(DeliveryOutcome.class)))
                .isEmpty();
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }
}
