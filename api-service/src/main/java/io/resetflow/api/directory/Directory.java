package io.resetflow.api.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user directory of each tenant: look users up by a unique field, check and set passwords
 * (bcrypt). The single entry point other features use; the tables stay private to it.
 */
@Service
public class Directory {

    /** Spent on unknown users too, so that a login's timing does not reveal whether an account exists. */
    private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("resetflow-timing-equaliser");

    private final JdbcClient jdbc;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final Clock clock;

    Directory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<User> findByEmail(String tenantId, String email) {
        return query("u.email = ?", tenantId, normaliseEmail(email));
    }

    public Optional<User> findByPhone(String tenantId, String phone) {
        return query("u.phone = ?", tenantId, phone);
    }

    public Optional<User> findById(String tenantId, UUID id) {
        return query("u.id = ?", tenantId, id);
    }

    /** @return the user when the password matches; empty otherwise, in about the same time either way */
    public Optional<User> checkPassword(String tenantId, String email, String password) {
        Optional<User> user = findByEmail(tenantId, email);
        String hash = user.flatMap(u -> jdbc.sql("select password_hash from users where id = ?").param(u.id())
                .query(String.class).optional()).orElse(null);
        boolean matches = encoder.matches(password == null ? "" : password, hash == null ? DUMMY_HASH : hash);
        return matches && hash != null ? user : Optional.empty();
    }

    @Transactional
    public void setPassword(String tenantId, UUID userId, String password) {
        int updated = jdbc.sql("update users set password_hash = ?, password_changed_at = ? where tenant_id = ? and id = ?")
                .params(encoder.encode(password), OffsetDateTime.now(clock), tenantId, userId).update();
        if (updated != 1) {
            throw new IllegalStateException("no user " + userId + " in tenant " + tenantId);
        }
    }

    /** Creates the user unless one with that email exists; returns the user either way. */
    @Transactional
    public User createIfMissing(String tenantId, NewUser user) {
        String email = normaliseEmail(user.email());
        return findByEmail(tenantId, email).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into users (id, tenant_id, email, phone, first_name, last_name, password_hash)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, tenantId, email, user.phone(), user.firstName(), user.lastName(),
                            user.password() == null ? null : encoder.encode(user.password()))
                    .update();
            for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
                jdbc.sql("insert into user_attributes (user_id, tenant_id, name, value) values (?, ?, ?, ?)")
                        .params(id, tenantId, attribute.getKey(), attribute.getValue()).update();
            }
            return new User(id, tenantId, email, user.phone(), user.firstName(), user.lastName());
        });
    }

    static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private Optional<User> query(String condition, String tenantId, Object value) {
        return jdbc.sql("select u.id, u.tenant_id, u.email, u.phone, u.first_name, u.last_name from users u where u.tenant_id = ? and "
                        + condition)
                .params(tenantId, value)
                .query((rs, n) -> new User(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("first_name"), rs.getString("last_name")))
                .optional();
    }
}
