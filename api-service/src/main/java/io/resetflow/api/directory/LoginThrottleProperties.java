package io.resetflow.api.directory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many password checks an account may fail before it is locked, and for how long: at most {@code maxFailures}
 * checks in a {@code window} that starts at the first one; the next is refused until the window ends. A success or a
 * new password starts afresh.
 *
 * @param maxFailures 5 unless set
 * @param window 15 minutes unless set
 */
@ConfigurationProperties("resetflow.login")
record LoginThrottleProperties(Integer maxFailures, Duration window) {

    LoginThrottleProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        if (maxFailures < 1) {
            throw new IllegalArgumentException("resetflow.login.max-failures must be at least 1, got " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("resetflow.login.window must be positive, got " + window);
        }
    }
}
