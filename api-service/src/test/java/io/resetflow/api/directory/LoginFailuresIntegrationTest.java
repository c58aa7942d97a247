package io.resetflow.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;

/** The window's edges, on the real table: it starts at the first check and lasts exactly 15 minutes. */
class LoginFailuresIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Autowired
    private LoginFailures failures;

    @Test
    void five_checks_pass_the_sixth_waits_for_the_end_of_the_window_and_then_a_new_one_starts() {
        String tenant = "t-" + UUID.randomUUID();
        String subject = LoginFailures.subject("someone@example.com");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        for (int i = 0; i < 5; i++) {
            assertThat(failures.admit(tenant, subject, t0.plusSeconds(i))).as("check %d", i).isEmpty();
        }
        assertThat(failures.admit(tenant, subject, t0.plusSeconds(60))).contains(WINDOW.minusSeconds(60));
        assertThat(failures.admit(tenant, subject, t0.plus(WINDOW).minusMillis(1))).contains(Duration.ofMillis(1));

        // the window is over: a new one starts with this check
        assertThat(failures.admit(tenant, subject, t0.plus(WINDOW))).isEmpty();
        for (int i = 1; i < 5; i++) {
            assertThat(failures.admit(tenant, subject, t0.plus(WINDOW).plusSeconds(i))).isEmpty();
        }
        assertThat(failures.admit(tenant, subject, t0.plus(WINDOW).plusSeconds(5))).contains(WINDOW.minusSeconds(5));
    }

    @Test
    void accounts_and_tenants_are_counted_apart_and_a_clear_starts_afresh() {
        String tenant = "t-" + UUID.randomUUID();
        String other = "t-" + UUID.randomUUID();
        String subject = LoginFailures.subject("someone@example.com");
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            failures.admit(tenant, subject, now);
        }
        assertThat(failures.admit(tenant, subject, now)).isPresent();
        assertThat(failures.admit(tenant, LoginFailures.subject("else@example.com"), now)).isEmpty();
        assertThat(failures.admit(other, subject, now)).isEmpty();

        failures.clear(tenant, subject);
        assertThat(failures.admit(tenant, subject, now)).isEmpty();
    }

    @Test
    void rows_of_ended_windows_are_forgotten_and_no_row_holds_the_address() {
        String tenant = "t-" + UUID.randomUUID();
        Instant now = Instant.now();
        failures.admit(tenant, LoginFailures.subject("old@example.com"), now.minus(WINDOW).minusSeconds(1));
        failures.admit(tenant, LoginFailures.subject("new@example.com"), now);

        failures.forgetEndedWindows();

        assertThat(jdbc.sql("select subject from login_failures where tenant_id = ?").param(tenant)
                .query(String.class).list())
                .containsExactly(LoginFailures.subject("new@example.com"))
                .allSatisfy(subject -> assertThat(subject).matches("[0-9a-f]{64}").doesNotContain("@"));
    }
}
