package io.resetflow.audit;

import java.util.List;

/** One broken invariant: which rule, what is wrong (never a secret), and the event ids involved. */
public record Violation(String rule, String message, List<String> eventIds) {

    @Override
    public String toString() {
        return "VIOLATION [" + rule + "] " + message + (eventIds.isEmpty() ? "" : "; events: " + String.join(", ", eventIds));
    }
}
