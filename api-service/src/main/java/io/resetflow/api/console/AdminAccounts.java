package io.resetflow.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenant admins and their sign-in: Argon2id hashes, and a lockout of {@value #MAX_FAILURES} failed attempts
 * for {@link #LOCKOUT}. Failures for addresses that are not admins are counted the same way (in a table of
 * their own, by hash), so neither the answer, nor the lockout, nor the time taken tells whether an admin exists.
 */
@Service
public class AdminAccounts {

    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private static final Argon2PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private static final String DUMMY_HASH = ENCODER.encode("resetflow-console-timing-equaliser");

    /** The outcome of one sign-in attempt. */
    sealed interface SignIn permits SignedIn, Refused, Locked {
    }

    record SignedIn(AdminPrincipal admin) implements SignIn {
    }

    record Refused() implements SignIn {
    }

    record Locked() implements SignIn {
    }

    private record Row(UUID id, String tenantId, String email, String hash, OffsetDateTime lockedUntil) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the admin unless the email is taken (by any tenant); used by the local fixtures and tests. */
    @Transactional
    public void createIfMissing(String tenantId, String email, String password) {
        jdbc.sql("""
                        insert into admins (id, tenant_id, email, password_hash) values (?, ?, ?, ?)
                        on conflict (email) do nothing""")
                .params(UUID.randomUUID(), tenantId, normalise(email), ENCODER.encode(password)).update();
    }

    @Transactional
    SignIn signIn(String email, String password) {
        String normalised = normalise(email == null ? "" : email);
        String given = password == null ? "" : password;
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Row> admin = jdbc.sql("select id, tenant_id, email, password_hash, locked_until from admins where email = ? for update")
                .param(normalised)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("email"),
                        rs.getString("password_hash"), rs.getObject("locked_until", OffsetDateTime.class)))
                .optional();
        if (admin.isEmpty()) {
            ENCODER.matches(given, DUMMY_HASH);
            return unknownFailure(normalised, now);
        }
        Row row = admin.get();
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            ENCODER.matches(given, DUMMY_HASH);
            return new Locked();
        }
        if (ENCODER.matches(given, row.hash())) {
            jdbc.sql("update admins set failed_attempts = 0, locked_until = null, last_sign_in_at = ? where id = ?")
                    .params(now, row.id()).update();
            return new SignedIn(new AdminPrincipal(row.id(), row.tenantId(), row.email()));
        }
        int failures = jdbc.sql("""
                        update admins set failed_attempts = case when locked_until is not null and locked_until <= ? then 1
                                                               else failed_attempts + 1 end,
                                          locked_until = null
                        where id = ? returning failed_attempts""")
                .params(now, row.id()).query(Integer.class).single();
        if (failures >= MAX_FAILURES) {
            jdbc.sql("update admins set failed_attempts = 0, locked_until = ? where id = ?").params(now.plus(LOCKOUT), row.id()).update();
            return new Locked();
        }
        return new Refused();
    }

    private SignIn unknownFailure(String email, OffsetDateTime now) {
        String key = sha256(email);
        Optional<OffsetDateTime> lockedUntil = jdbc.sql("select locked_until from admin_sign_in_failures where email_hash = ? for update")
                .param(key).query((rs, n) -> Optional.ofNullable(rs.getObject("locked_until", OffsetDateTime.class)))
                .optional().flatMap(o -> o);
        if (lockedUntil.isPresent() && lockedUntil.get().isAfter(now)) {
            return new Locked();
        }
        int failures = jdbc.sql("""
                        insert into admin_sign_in_failures (email_hash, failed_attempts, locked_until) values (?, 1, null)
                        on conflict (email_hash) do update set
                            failed_attempts = case when admin_sign_in_failures.locked_until is not null
                                                   then 1 else admin_sign_in_failures.failed_attempts + 1 end,
                            locked_until = null
                        returning failed_attempts""")
                .param(key).query(Integer.class).single();
        if (failures >= MAX_FAILURES) {
            jdbc.sql("update admin_sign_in_failures set failed_attempts = 0, locked_until = ? where email_hash = ?")
                    .params(now.plus(LOCKOUT), key).update();
            return new Locked();
        }
        return new Refused();
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
