package io.resetflow.api.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The user directory of each tenant: look users up by a unique field, check and set passwords
 * (Argon2id). The single entry point other features use; the tables stay private to it. Its two writes open their
 * transactions with a {@link TransactionTemplate} rather than {@code @Transactional}, so the lookups every reset
 * request makes are plain calls, not calls through a proxy (issue 9).
 */
@Service
public class Directory {

    /** Spent on unknown users too, so that a login's timing does not reveal whether an account exists. */
    private static final Argon2PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private static final String DUMMY_HASH = ENCODER.encode("resetflow-timing-equaliser");

    private final JdbcClient jdbc;
    private final Argon2PasswordEncoder encoder = ENCODER;
    /** How stale another instance's list of a tenant's fields may be after a field was defined. */
    static final Duration FIELDS_TTL = Duration.ofSeconds(5);

    private record CachedFields(List<Field> fields, long expiresAtNanos) {
    }

    private final Clock clock;
    private final PasswordChangePublisher changes;
    private final Map<String, CachedFields> fieldsByTenant = new ConcurrentHashMap<>();
    private final TransactionTemplate transaction;
    private final LoginFailures loginFailures;

    Directory(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, PasswordChangePublisher changes,
            LoginFailures loginFailures) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.changes = changes;
        this.loginFailures = loginFailures;
    }

    /**
     * The built-in fields and the tenant's own, built-ins first. Kept for {@link #FIELDS_TTL} (every reset request
     * reads them): a field defined through this instance is seen at once, through another within that time.
     */
    public List<Field> fields(String tenantId) {
        CachedFields cached = fieldsByTenant.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.fields();
        }
        List<Field> fields = new ArrayList<>(List.of(Field.EMAIL_ADDRESS, Field.PHONE));
        fields.addAll(jdbc.sql("select name, data_type from tenant_fields where tenant_id = ? order by name")
                .param(tenantId)
                .query((rs, n) -> new Field(rs.getString("name"), FieldType.valueOf(rs.getString("data_type")), false))
                .list());
        List<Field> unmodifiable = List.copyOf(fields);
        fieldsByTenant.put(tenantId, new CachedFields(unmodifiable, now + FIELDS_TTL.toNanos()));
        return unmodifiable;
    }

    /** Declares (or retypes) a tenant's own unique field. */
    public Field defineField(String tenantId, String name, FieldType type) {
        if (!name.matches("[A-Za-z][A-Za-z0-9]{0,39}")
                || name.equalsIgnoreCase(Field.EMAIL_ADDRESS.name()) || name.equalsIgnoreCase(Field.PHONE.name())) {
            throw new IllegalArgumentException("A field name is 1 to 40 letters or digits, starts with a letter"
                    + " and is not EmailAddress or Phone.");
        }
        jdbc.sql("insert into tenant_fields (tenant_id, name, data_type) values (?, ?, ?) "
                        + "on conflict (tenant_id, name) do update set data_type = excluded.data_type")
                .params(tenantId, name, type.name()).update();
        fieldsByTenant.remove(tenantId);
        return new Field(name, type, false);
    }

    /** @param normalisedValue already normalised with the field's {@link FieldType} */
    public Optional<User> findBy(String tenantId, Field field, String normalisedValue) {
        if (field.equals(Field.EMAIL_ADDRESS)) {
            return findByEmail(tenantId, normalisedValue);
        }
        if (field.equals(Field.PHONE)) {
            return findByPhone(tenantId, normalisedValue);
        }
        return query("u.id = (select a.user_id from user_attributes a where a.tenant_id = u.tenant_id and a.name = ? and a.value = ?)",
                tenantId, field.name(), normalisedValue);
    }

    /** The user's value of a field, if any. */
    public Optional<String> valueOf(User user, Field field) {
        if (field.equals(Field.EMAIL_ADDRESS)) {
            return Optional.ofNullable(user.email());
        }
        if (field.equals(Field.PHONE)) {
            return Optional.ofNullable(user.phone());
        }
        return jdbc.sql("select value from user_attributes where user_id = ? and name = ?")
                .params(user.id(), field.name()).query(String.class).optional();
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

    /**
     * Checks a login, at most {@code resetflow.login.max-failures} times per account in a window (unknown emails
     * alike, so a lock tells nothing about which accounts exist). A wrong password and an unknown email are refused
     * in about the same time.
     */
    public PasswordCheck checkPassword(String tenantId, String email, String password) {
        String subject = LoginFailures.subject(normaliseEmail(email));
        Optional<Duration> locked = loginFailures.admit(tenantId, subject, clock.instant());
        if (locked.isPresent()) {
            return new PasswordCheck.Locked(locked.get());
        }
        Optional<User> user = findByEmail(tenantId, email);
        String hash = user.flatMap(u -> jdbc.sql("select password_hash from users where id = ?").param(u.id())
                .query(String.class).optional()).orElse(null);
        boolean matches = encoder.matches(password == null ? "" : password, hash == null ? DUMMY_HASH : hash);
        if (matches && hash != null) {
            loginFailures.clear(tenantId, subject);
            return new PasswordCheck.Matched(user.get());
        }
        return new PasswordCheck.Refused();
    }

    /** The link that allowed a password change, as token-service answered its redeem. */
    public record Redeemed(String requestId, String linkId) {
    }

    /**
     * Sets the password (the caller has checked it against {@link PasswordPolicy}) without a link (an admin), and
     * publishes {@link PasswordChange} so that portals can end the user's sessions: both in one transaction, so that
     * the event is recorded exactly when the password changed (it may reach the log later, never not at all).
     */
    public void setPassword(String tenantId, UUID userId, String password, PasswordChange.Via via, String requestId,
            String linkId) {
        setPasswordRedeeming(tenantId, userId, password, via, () -> Optional.of(new Redeemed(requestId, linkId)));
    }

    /**
     * Sets the password when {@code redeem} uses up the link that allows it. The slow hash is computed first; then, in
     * one transaction, the user's row is updated (and locked: a second submit of the same link waits, then is refused
     * by its redeem), {@code redeem} runs, and the {@link PasswordChange} is recorded. When {@code redeem} answers
     * empty or throws, nothing changes and the link stays as it was. Only a failure of that last insert or of the
     * commit, after the link was used, loses the change (before, any failure after the redeem did).
     *
     * @return whether the password changed
     */
    public boolean setPasswordRedeeming(String tenantId, UUID userId, String password, PasswordChange.Via via,
            Supplier<Optional<Redeemed>> redeem) {
        User user = findById(tenantId, userId)
                .orElseThrow(() -> new IllegalStateException("no user " + userId + " in tenant " + tenantId));
        String hash = encoder.encode(password); // not in the transaction: it takes a while
        Boolean changed = transaction.execute(status -> {
            jdbc.sql("update users set password_hash = ?, password_changed_at = ? where tenant_id = ? and id = ?")
                    .params(hash, OffsetDateTime.now(clock), tenantId, userId).update();
            // whoever set it proved to own the account (a reset link, an admin): a lock from someone's guesses ends
            loginFailures.clear(tenantId, LoginFailures.subject(user.email()));
            Optional<Redeemed> redeemed = redeem.get();
            if (redeemed.isEmpty()) {
                status.setRollbackOnly();
                return false;
            }
            changes.publish(new PasswordChange(UUID.randomUUID(), clock.instant(), user, via,
                    redeemed.get().requestId(), redeemed.get().linkId()));
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    /** A user with this email (or phone, or unique field value) already exists in the tenant. */
    public static final class DuplicateUserException extends RuntimeException {
        DuplicateUserException(String message) {
            super(message);
        }
    }

    /**
     * Creates a user.
     *
     * @throws DuplicateUserException when a unique field is taken
     * @throws IllegalArgumentException with a message for the client when a value is not of its field's type
     */
    public User create(String tenantId, NewUser user) {
        return transaction.execute(status -> {
            String email = FieldType.EMAIL.normalise("EmailAddress", user.email());
            if (findByEmail(tenantId, email).isPresent()) {
                throw new DuplicateUserException("A user with this EmailAddress already exists.");
            }
            String phone = user.phone() == null || user.phone().isBlank() ? null : FieldType.PHONE.normalise("Phone", user.phone());
            if (phone != null && findByPhone(tenantId, phone).isPresent()) {
                throw new DuplicateUserException("A user with this Phone already exists.");
            }
            try {
                return createIfMissing(tenantId, new NewUser(email, phone, user.firstName(), user.lastName(), user.password(),
                        user.attributes()));
            } catch (org.springframework.dao.DuplicateKeyException e) {
                throw new DuplicateUserException("Another user already has one of these unique field values.");
            }
        });
    }

    /** Users whose name, email, phone or a unique field contains the text; newest first, at most {@code limit}. */
    public List<User> search(String tenantId, String text, int limit) {
        String like = "%" + (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        return jdbc.sql("""
                        select u.id, u.tenant_id, u.email, u.phone, u.first_name, u.last_name from users u
                        where u.tenant_id = ? and (u.email like ? or coalesce(u.phone, '') like ?
                            or lower(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) like ?
                            or exists (select 1 from user_attributes a where a.user_id = u.id and lower(a.value) like ?))
                        order by u.created_at desc limit ?""")
                .params(tenantId, like, like, like, like, limit)
                .query((rs, n) -> new User(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("first_name"), rs.getString("last_name")))
                .list();
    }

    /** The user's own unique field values (tenant-defined fields). */
    public Map<String, String> attributes(User user) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        jdbc.sql("select name, value from user_attributes where user_id = ? order by name").param(user.id())
                .query((rs, n) -> values.put(rs.getString("name"), rs.getString("value"))).list();
        return values;
    }

    /** Creates the user unless one with that email exists; returns the user either way. */
    public User createIfMissing(String tenantId, NewUser user) {
        String email = normaliseEmail(user.email());
        return transaction.execute(status -> findByEmail(tenantId, email).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into users (id, tenant_id, email, phone, first_name, last_name, password_hash)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, tenantId, email, user.phone() == null ? null : FieldType.PHONE.normalise("Phone", user.phone()),
                            user.firstName(), user.lastName(),
                            user.password() == null ? null : encoder.encode(user.password()))
                    .update();
            List<Field> fields = fields(tenantId);
            for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
                Field field = fields.stream().filter(f -> !f.builtIn() && f.name().equals(attribute.getKey())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Unknown field '" + attribute.getKey()
                                + "'; declare it for the tenant first."));
                jdbc.sql("insert into user_attributes (user_id, tenant_id, name, value) values (?, ?, ?, ?)")
                        .params(id, tenantId, field.name(), field.type().normalise(field.name(), attribute.getValue())).update();
            }
            return new User(id, tenantId, email, user.phone(), user.firstName(), user.lastName());
        }));
    }

    static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private Optional<User> query(String condition, String tenantId, Object... values) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(List.of(values));
        return jdbc.sql("select u.id, u.tenant_id, u.email, u.phone, u.first_name, u.last_name from users u where u.tenant_id = ? and "
                        + condition)
                .params(params)
                .query((rs, n) -> new User(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("first_name"), rs.getString("last_name")))
                .optional();
    }
}
