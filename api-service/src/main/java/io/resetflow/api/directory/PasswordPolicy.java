package io.resetflow.api.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The rules a new password must meet, in the spirit of NIST SP 800-63B: long enough, long passphrases
 * welcome, not a commonly used password, not the user's own email address. No composition rules.
 * The same policy applies on the reset page and in the confirm API.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private final Set<String> common;

    PasswordPolicy() {
        try (var in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            common = reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return what is wrong with the password, in words for the user; empty when it is acceptable */
    public Optional<String> problem(String password, String userEmail) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters. A passphrase of a few words is easy to remember.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("This password is too common and easy to guess. Choose something less predictable.");
        }
        if (userEmail != null) {
            String email = userEmail.toLowerCase(Locale.ROOT);
            String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
            if (lower.equals(email) || (localPart.length() >= 4 && lower.equals(localPart))) {
                return Optional.of("Do not use your email address as your password.");
            }
        }
        return Optional.empty();
    }
}
