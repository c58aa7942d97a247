package io.resetflow.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void short_mismatched_and_overlong_passwords_are_refused_with_the_reason() {
        assertThat(ResetPageController.passwordProblem("short", "short")).contains("at least 8");
        assertThat(ResetPageController.passwordProblem("long enough", "long enougH")).contains("do not match");
        assertThat(ResetPageController.passwordProblem("x".repeat(257), "x".repeat(257))).contains("at most 256");
        assertThat(ResetPageController.passwordProblem("correct horse battery staple", "correct horse battery staple")).isNull();
    }
}
