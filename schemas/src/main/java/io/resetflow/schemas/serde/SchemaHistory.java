package io.resetflow.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetLinkRevealed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetRequested;

/**
 * Every schema version ever released, per event type. Events are decoded with the writer schema found
 * here by fingerprint, so an event written by any earlier release decodes without a registry.
 * A new version of an event is released by adding {@code history/<Event>/v<N>.avsc}.
 */
public final class SchemaHistory {

    /** The current event classes; the history of each lives under its simple name. */
    public static final List<Class<? extends SpecificRecord>> EVENT_TYPES = List.of(
            ResetRequested.class, ResetLinkIssued.class, ResetRequestThrottled.class, DeliveryOutcome.class,
            ResetLinkRedeemed.class, PasswordChanged.class, TenantSettingsChanged.class, ResetLinkRevealed.class);

    private static final SchemaHistory INSTANCE = load();

    private final Map<String, List<Schema>> versionsByEvent;
    private final SchemaStore.Cache store = new SchemaStore.Cache();

    private SchemaHistory(Map<String, List<Schema>> versionsByEvent) {
        this.versionsByEvent = versionsByEvent;
        versionsByEvent.values().forEach(versions -> versions.forEach(store::addSchema));
        // The compiled schemas are always known too, even before their version file is added.
        EVENT_TYPES.forEach(type -> store.addSchema(currentSchema(type)));
    }

    public static SchemaHistory instance() {
        return INSTANCE;
    }

    /** Released versions of an event, oldest first. */
    public List<Schema> versions(Class<? extends SpecificRecord> type) {
        return versionsByEvent.getOrDefault(type.getSimpleName(), List.of());
    }

    public SchemaStore store() {
        return store;
    }

    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not an Avro generated class: " + type, e);
        }
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static SchemaHistory load() {
        Map<String, List<Schema>> result = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : EVENT_TYPES) {
            List<Schema> versions = new ArrayList<>();
            for (int v = 1; ; v++) {
                String resource = "/io/resetflow/schemas/history/" + type.getSimpleName() + "/v" + v + ".avsc";
                try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        break;
                    }
                    versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            result.put(type.getSimpleName(), Collections.unmodifiableList(versions));
        }
        return new SchemaHistory(Collections.unmodifiableMap(result));
    }
}
