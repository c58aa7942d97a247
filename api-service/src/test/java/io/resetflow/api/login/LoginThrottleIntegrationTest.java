package io.resetflow.api.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.User;

/** Passwords cannot be tried without end: 5 failed checks of an email in 15 minutes lock it, known or not. */
class LoginThrottleIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final String PASSWORD = "carol-right-pass-1";

    @Autowired
    private Directory directory;

    @Test
    void the_sixth_check_after_five_failures_is_refused_even_with_the_right_password_until_a_new_password_is_set()
            throws Exception {
        TestTenant tenant = newTenant(1_000, 60, false);
        User carol = directory.create(tenant.id(), new NewUser("carol@example.com", null, "Carol", null, PASSWORD, null));
        directory.create(tenant.id(), new NewUser("dave@example.com", null, "Dave", null, PASSWORD, null));

        for (int i = 0; i < 5; i++) {
            assertThat(login(tenant, "carol@example.com", "guess-" + i).statusCode()).as("guess %d", i).isEqualTo(401);
        }
        HttpResponse<String> locked = login(tenant, "Carol@Example.com", PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"Status\":\"Error\"").contains("Too many failed logins")
                .contains("reset the password").doesNotContain("\"Id\"");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 900L);

        // other accounts of the tenant are not affected
        assertThat(login(tenant, "dave@example.com", PASSWORD).statusCode()).isEqualTo(200);

        // whoever sets a new password (here as a reset link would) ends the lock
        directory.setPassword(tenant.id(), carol.id(), "carol-new-pass-2", PasswordChange.Via.RESET_PAGE, null, null);
        assertThat(login(tenant, "carol@example.com", "carol-new-pass-2").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_email_is_locked_the_same_way_so_the_lock_tells_nothing() throws Exception {
        TestTenant tenant = newTenant(1_000, 60, false);
        directory.create(tenant.id(), new NewUser("erin@example.com", null, "Erin", null, PASSWORD, null));

        for (int i = 0; i < 5; i++) {
            assertThat(login(tenant, "erin@example.com", "guess-" + i).statusCode()).isEqualTo(401);
            assertThat(login(tenant, "nobody@example.com", "guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> known = login(tenant, "erin@example.com", PASSWORD);
        HttpResponse<String> unknown = login(tenant, "nobody@example.com", PASSWORD);
        assertThat(known.statusCode()).isEqualTo(429);
        assertThat(unknown.statusCode()).isEqualTo(429);
        assertThat(unknown.body().replaceAll("\\d+", "N")).isEqualTo(known.body().replaceAll("\\d+", "N"));
    }

    @Test
    void a_success_forgets_earlier_failures() throws Exception {
        TestTenant tenant = newTenant(1_000, 60, false);
        directory.create(tenant.id(), new NewUser("frank@example.com", null, "Frank", null, PASSWORD, null));

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(login(tenant, "frank@example.com", "typo-" + i).statusCode()).isEqualTo(401);
            }
            assertThat(login(tenant, "frank@example.com", PASSWORD).statusCode()).as("round %d", round).isEqualTo(200);
        }
    }

    @Test
    void concurrent_guesses_cannot_slip_past_the_limit() throws Exception {
        TestTenant tenant = newTenant(1_000, 60, false);
        directory.create(tenant.id(), new NewUser("grace@example.com", null, "Grace", null, PASSWORD, null));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> guesses = IntStream.range(0, 12)
                    .<Callable<Integer>>mapToObj(i -> () -> login(tenant, "grace@example.com", "guess-" + i).statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(guesses).stream().map(LoginThrottleIntegrationTest::get).toList();
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> login(TestTenant tenant, String email, String password) throws Exception {
        return post("/v1/logins", tenant.secretKey(), "application/json",
                "{\"EmailAddress\":\"" + email + "\",\"Password\":\"" + password + "\"}");
    }

    private static Integer get(Future<Integer> status) {
        try {
            return status.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
