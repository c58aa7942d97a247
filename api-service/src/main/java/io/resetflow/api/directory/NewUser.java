package io.resetflow.api.directory;

import java.util.Map;

/** What is needed to create a user; email is required, the password may be set later by a reset link. */
public record NewUser(String email, String phone, String firstName, String lastName, String password,
        Map<String, String> attributes) {

    public NewUser {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("email is required");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
