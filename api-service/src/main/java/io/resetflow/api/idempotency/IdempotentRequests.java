package io.resetflow.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.resetflow.api.http.ApiException;

/**
 * {@code Idempotency-Key}: the first answer to a key is stored and replayed for 24 hours, so a
 * portal that retries after a timeout publishes nothing new. The same key with another body is refused.
 */
@Component
public class IdempotentRequests {

    static final Duration RETENTION = Duration.ofHours(24);

    /** A stored first answer. */
    public record Answer(int status, String body) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims the key for this request.
     *
     * @return empty when the caller should process the request (and then {@link #complete} or {@link #release});
     *         the first answer when the key was already answered
     */
    public Optional<Answer> claim(String tenantId, String key, String requestFingerprint) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 characters, e.g. a UUID.");
        }
        String hash = sha256(requestFingerprint);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from idempotent_requests where tenant_id = ? and idempotency_key = ? and created_at < ?")
                .params(tenantId, key, now.minus(RETENTION)).update();
        int claimed = jdbc.sql("""
                        insert into idempotent_requests (tenant_id, idempotency_key, request_hash, created_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(tenantId, key, hash, now).update();
        if (claimed == 1) {
            return Optional.empty();
        }
        record Row(String hash, Integer status, String body) {
        }
        Row row = jdbc.sql("select request_hash, status_code, response_body from idempotent_requests where tenant_id = ? and idempotency_key = ?")
                .params(tenantId, key)
                .query((rs, n) -> new Row(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3))).single();
        if (!row.hash().equals(hash)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
        }
        if (row.status() == null) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry in a moment.");
        }
        return Optional.of(new Answer(row.status(), row.body()));
    }

    public void complete(String tenantId, String key, int status, String body) {
        jdbc.sql("update idempotent_requests set status_code = ?, response_body = ? where tenant_id = ? and idempotency_key = ?")
                .params(status, body, tenantId, key).update();
    }

    /** The request failed before an answer: let a retry with the same key run again. */
    public void release(String tenantId, String key) {
        jdbc.sql("delete from idempotent_requests where tenant_id = ? and idempotency_key = ? and status_code is null")
                .params(tenantId, key).update();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
