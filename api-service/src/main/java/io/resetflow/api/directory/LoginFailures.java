package io.resetflow.api.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Counts password checks per tenant and account in {@code login_failures}. An attempt is counted before the
 * password is checked (and forgotten when it matched), so concurrent guesses cannot slip past the limit.
 */
@Repository
class LoginFailures {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottleProperties properties;

    LoginFailures(JdbcClient jdbc, Clock clock, LoginThrottleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The row's key for an email: never the address itself. */
    static String subject(String normalisedEmail) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((normalisedEmail == null ? "" : normalisedEmail).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Counts an attempt at {@code now}.
     *
     * @return empty when it may go ahead; else how long until the account's window ends
     */
    Optional<Duration> admit(String tenantId, String subject, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime windowOver = now.minus(properties.window()).atOffset(ZoneOffset.UTC);
        record Window(int attempts, Instant startedAt) {
        }
        Window window = jdbc.sql("""
                        insert into login_failures (tenant_id, subject, attempts, window_started_at)
                        values (?, ?, 1, ?)
                        on conflict (tenant_id, subject) do update set
                            attempts = case when login_failures.window_started_at <= ? then 1
                                            else login_failures.attempts + 1 end,
                            window_started_at = case when login_failures.window_started_at <= ? then excluded.window_started_at
                                                     else login_failures.window_started_at end
                        returning attempts, window_started_at""")
                .params(tenantId, subject, at, windowOver, windowOver)
                .query((rs, n) -> new Window(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .single();
        if (window.attempts() <= properties.maxFailures()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.startedAt().plus(properties.window())));
    }

    /** Forgets the account's attempts: its password matched, or it was set anew. */
    void clear(String tenantId, String subject) {
        jdbc.sql("delete from login_failures where tenant_id = ? and subject = ?").params(tenantId, subject).update();
    }

    /** Windows that ended no longer lock anything; keep the table small (it also holds guesses at unknown emails). */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forgetEndedWindows() {
        jdbc.sql("delete from login_failures where window_started_at <= ?")
                .param(clock.instant().minus(properties.window()).atOffset(ZoneOffset.UTC))
                .update();
    }
}
