package io.resetflow.notifier.email;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The emails a tenant can word itself, as named in the admin API, with the placeholders each may use.
 * {@code required} placeholders must be in the text and in the HTML part (a reset email without its link is useless).
 */
enum TemplateKind {

    RESET_LINK("reset-link", Set.of("link", "expiresAt"), Set.of("link")),
    PASSWORD_CHANGED("password-changed", Set.of("changedAt"), Set.of());

    final String path;
    final Set<String> placeholders;
    final Set<String> required;

    TemplateKind(String path, Set<String> placeholders, Set<String> required) {
        this.path = path;
        this.placeholders = placeholders;
        this.required = required;
    }

    static Optional<TemplateKind> of(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    static List<String> paths() {
        return Arrays.stream(values()).map(k -> k.path).toList();
    }
}
