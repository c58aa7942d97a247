package io.resetflow.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.resetflow.api.ApiServiceIntegrationTestBase;

/** The limiter against the real PostgreSQL, counting the claims it makes. */
class RateLimiterIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    private DataSource dataSource;

    private final AtomicInteger claims = new AtomicInteger();

    @Test
    void a_busy_key_under_its_limit_claims_several_permits_at_once() throws Exception {
        RateLimiter limiter = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();
        int hits = 2_000;

        int allowed = hammer(hits, 16, () -> limiter.hit(key, 100_000, Duration.ofSeconds(1)).allowed());

        assertThat(allowed).isEqualTo(hits);
        assertThat(claims.get()).as("statements for %d requests", hits).isLessThan(hits / 4);
    }

    @Test
    void a_key_flooded_past_its_limit_lets_no_more_through_and_is_mostly_refused_without_a_statement() throws Exception {
        RateLimiter limiter = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();
        int limit = 100; // per second: a permit every 10 ms, so a 20 ms lease holds up to 2
        Duration window = Duration.ofSeconds(1);
        int hits = 2_000;

        long started = System.nanoTime();
        int allowed = hammer(hits, 16, () -> limiter.hit(key, limit, window).allowed());
        long elapsedMicros = (System.nanoTime() - started) / 1_000;

        long refilled = elapsedMicros * limit / (window.toNanos() / 1_000) + 1; // GCRA: a permit every window / limit
        assertThat(allowed).as("the bucket (%d) plus what refilled in %d ms", limit, elapsedMicros / 1_000)
                .isLessThanOrEqualTo((int) (limit + refilled));
        assertThat(allowed).as("leases lose at most a lease's permits").isGreaterThanOrEqualTo(limit - 2);
        assertThat(claims.get()).as("statements for %d requests, %d allowed", hits, allowed).isLessThan(hits / 2);
    }

    @Test
    void a_key_with_a_low_rate_is_advanced_once_per_request() throws Exception {
        RateLimiter limiter = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();

        int allowed = hammer(40, 8, () -> limiter.hit(key, 30, Duration.ofMinutes(1)).allowed());

        assertThat(allowed).isEqualTo(30);
        assertThat(claims.get()).isEqualTo(40);
    }

    private static int hammer(int hits, int threads, Callable<Boolean> hit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < hits; i++) {
                answers.add(pool.submit(hit));
            }
            int allowed = 0;
            for (Future<Boolean> answer : answers) {
                allowed += answer.get() ? 1 : 0;
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts the statements that advance a key's bucket. */
    private DataSource counting(DataSource target) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                                    && sql.startsWith("insert into rate_limits")) {
                                claims.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
