package io.resetflow.schemas.serde;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The rule every schema change must pass, because auditors replay old events with new code and old
 * consumers may still read new events: a candidate must read every released version (backward) and
 * be readable by every released version (forward).
 */
public final class Compatibility {

    private Compatibility() {
    }

    /** @return one line per incompatibility; empty when the candidate is fully compatible */
    public static List<String> problems(Schema candidate, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            check(problems, "v" + (i + 1) + " written, candidate reading", candidate, old);
            check(problems, "candidate written, v" + (i + 1) + " reading", old, candidate);
        }
        return problems;
    }

    private static void check(List<String> problems, String direction, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(reader.getName() + " (" + direction + "): " + result.getResult().getIncompatibilities());
        }
    }
}
