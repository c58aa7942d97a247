package io.resetflow.schemas.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The value of the {@value #NAME} header: {@code <producerId>:<sequence>:<previousHashHex>}.
 *
 * <p>{@code producerId} identifies one producer instance (a random UUID, prefixed with the producer's
 * {@code client.id} when set; it may itself contain colons, so the header is parsed from the right),
 * {@code sequence} counts that producer's records to one topic from 0, and {@code previousHashHex} is the
 * lower-case hex SHA-256 of the previous record of the same producer and topic, computed over that record's
 * header value bytes followed by its value bytes ({@link #link(byte[], byte[])}); 64 zeros for sequence 0.
 */
public record ChainHeader(String producerId, long sequence, String previousHash) {

    /** Kafka header name. */
    public static final String NAME = "rf-chain";
    /** Previous hash of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    public ChainHeader {
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(previousHash, "previousHash");
    }

    /** The header value as written. */
    public String format() {
        return producerId + ":" + sequence + ":" + previousHash;
    }

    public byte[] bytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the parsed header
     * @throws IllegalArgumentException when the value is not {@code <producerId>:<sequence>:<64 hex>}
     */
    public static ChainHeader parse(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("no chain header value");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        int hashColon = text.lastIndexOf(':');
        int sequenceColon = hashColon <= 0 ? -1 : text.lastIndexOf(':', hashColon - 1);
        if (sequenceColon <= 0) {
            throw new IllegalArgumentException("malformed chain header: expected <producerId>:<sequence>:<hash>");
        }
        String hash = text.substring(hashColon + 1);
        if (!isLowerHex64(hash)) {
            throw new IllegalArgumentException("malformed chain header: previous hash is not 64 lower-case hex digits");
        }
        long sequence;
        try {
            sequence = Long.parseLong(text.substring(sequenceColon + 1, hashColon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed chain header: sequence is not a number");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("malformed chain header: negative sequence");
        }
        return new ChainHeader(text.substring(0, sequenceColon), sequence, hash);
    }

    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    /** SHA-256 over the chain header bytes of a record followed by its value bytes (empty for a null value), hex. */
    public static String link(byte[] headerBytes, byte[] valueBytes) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(headerBytes);
        if (valueBytes != null) {
            digest.update(valueBytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
