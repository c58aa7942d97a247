package io.resetflow.api.directory;

import java.time.Duration;

/** The answer of {@link Directory#checkPassword}. */
public sealed interface PasswordCheck {

    /** The email and password belong to this user. */
    record Matched(User user) implements PasswordCheck {
    }

    /** No such email, or another password: the same answer for both, so it tells nobody which accounts exist. */
    record Refused() implements PasswordCheck {
    }

    /**
     * Too many checks failed for this email (known or not); not checked, whatever the password.
     *
     * @param retryAfter until the account's window ends
     */
    record Locked(Duration retryAfter) implements PasswordCheck {
    }
}
