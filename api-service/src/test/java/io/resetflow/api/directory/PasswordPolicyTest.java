package io.resetflow.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void short_passwords_are_refused_and_long_passphrases_welcome() {
        assertThat(policy.problem("short", "a@b.c")).hasValueSatisfying(p -> assertThat(p).contains("at least 8"));
        assertThat(policy.problem("correct horse battery staple " + "and more words ".repeat(20), "a@b.c")).isEmpty();
        assertThat(policy.problem("x".repeat(1025), "a@b.c")).hasValueSatisfying(p -> assertThat(p).contains("at most"));
    }

    @Test
    void common_passwords_are_refused_whatever_their_case() {
        assertThat(policy.problem("Password123", "a@b.c")).hasValueSatisfying(p -> assertThat(p).contains("too common"));
        assertThat(policy.problem("QWERTYUIOP", "a@b.c")).isPresent();
    }

    @Test
    void the_users_own_email_is_refused() {
        assertThat(policy.problem("Alice@Example.com", "alice@example.com")).hasValueSatisfying(p -> assertThat(p).contains("email"));
        assertThat(policy.problem("alicebob", "alicebob@example.com")).isPresent();
        assertThat(policy.problem("violet meadow 42", "alice@example.com")).isEmpty();
    }
}
