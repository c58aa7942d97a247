package io.resetflow.notifier.delivery;

import java.util.Objects;

/** A clear secret (delivery address or link) that never shows in logs, exceptions or {@code toString()}. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret is blank");
        }
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
