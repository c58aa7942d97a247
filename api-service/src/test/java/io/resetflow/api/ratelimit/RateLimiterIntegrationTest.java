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
    private final AtomicInteger refusals = new AtomicInteger();

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
    void a_key_flooded_past_its_limit_through_two_instances_lets_no_more_through_and_is_refused_mostly_from_memory()
            throws Exception {
        RateLimiter first = new RateLimiter(JdbcClient.create(counting(dataSource)));
        RateLimiter second = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();
        int limit = 200; // per second: a permit every 5 ms, so a 20 ms lease holds up to 4
        Duration window = Duration.ofSeconds(1);
        long intervalMicros = window.toNanos() / 1_000 / limit;
        int hits = 2_000;
        AtomicInteger turn = new AtomicInteger();

        long started = System.nanoTime();
        int allowed = hammer(hits, 16,
                () -> (turn.getAndIncrement() % 2 == 0 ? first : second).hit(key, limit, window).allowed());
        long elapsedMicros = (System.nanoTime() - started) / 1_000;

        long refilled = elapsedMicros / intervalMicros + 1; // GCRA: a permit every window / limit
        assertThat(allowed).as("the bucket (%d) plus what refilled in %d ms", limit, elapsedMicros / 1_000)
                .isLessThanOrEqualTo((int) (limit + refilled));
        assertThat(allowed).as("what the two instances' leases can lose").isGreaterThanOrEqualTo(limit - 2 * 4);
        // Without the remembered refusals every refused request costs two statements (about 3,600 here). With them,
        // a few per instance each time a permit comes due, whatever the machine's speed.
        assertThat(claims.get() + refusals.get()).as("statements for %d requests, %d allowed, in %d ms", hits, allowed,
                elapsedMicros / 1_000).isLessThan((int) (limit + 6 * refilled + 20));
    }

    @Test
    void a_changed_limit_applies_at_once_though_the_instance_remembered_a_refusal_under_the_old_one() throws Exception {
        RateLimiter limiter = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();
        assertThat(limiter.hit(key, 1, Duration.ofHours(1)).allowed()).as("the key's next permit is an hour away").isTrue();

        assertThat(limiter.hit(key, 200, Duration.ofSeconds(1)).allowed()).isFalse();
        int statements = claims.get() + refusals.get();
        RateLimiter.Decision remembered = limiter.hit(key, 200, Duration.ofSeconds(1));
        assertThat(remembered.allowed()).isFalse();
        assertThat(remembered.retryAfterSeconds()).isGreaterThan(3_000);
        assertThat(claims.get() + refusals.get()).as("refused from memory").isEqualTo(statements);

        // the tenant allows 200 a second over two hours: the bucket has room, and the memory of the old limit must
        // not answer
        assertThat(limiter.hit(key, 1_440_000, Duration.ofHours(2)).allowed()).isTrue();
    }

    @Test
    void a_key_with_a_low_rate_is_advanced_once_per_request() throws Exception {
        RateLimiter limiter = new RateLimiter(JdbcClient.create(counting(dataSource)));
        UUID key = UUID.randomUUID();

        int allowed = hammer(40, 8, () -> limiter.hit(key, 30, Duration.ofHours(1)).allowed());

        assertThat(allowed).isEqualTo(30);
        assertThat(claims.get()).isEqualTo(40);
        assertThat(refusals.get()).as("each refusal reads its wait").isEqualTo(10);
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

    /** Counts the statements that advance a key's bucket and those that read how long a refused key waits. */
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
                            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                                    && sql.startsWith("select tat_micros")) {
                                refusals.incrementAndGet();
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
