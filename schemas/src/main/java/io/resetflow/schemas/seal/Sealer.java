package io.resetflow.schemas.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing with a key ring: seals with the active key, opens with whichever key id the
 * value names, so keys rotate without breaking events already written. The context (for example
 * {@code "link:" + tenantId}) is bound as associated data, so a sealed value cannot be moved to another
 * field or tenant and still open.
 */
public final class Sealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();
    /**
     * Ciphers to reuse, each initialised afresh (key, new nonce) for every value: {@code Cipher.getInstance} looks the
     * provider's service up every time, and that was most of a seal's CPU on the intake's path. A shared pool (as many
     * ciphers as were ever in use at once), not a thread-local: with virtual threads (api-service enables them, which
     * takes effect on Java 21 and later) every request runs on a new thread, which a thread-local would not outlive.
     */
    private static final Queue<Cipher> CIPHERS = new ConcurrentLinkedQueue<>();

    private Sealer(String activeKeyId, Map<String, SecretKeySpec> keys) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active sealing key '" + activeKeyId + "' is not in the key ring " + keys.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /** @param base64Keys key id to a base64 (standard or url-safe) 32-byte AES key */
    public static Sealer of(String activeKeyId, Map<String, String> base64Keys) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, encoded) -> {
            byte[] raw = decode(id, encoded);
            if (raw.length != 32) {
                throw new IllegalArgumentException("sealing key '" + id + "' must be 32 bytes (base64 of 256 bits), got " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        return new Sealer(activeKeyId, Map.copyOf(keys));
    }

    public SealedValue seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = borrow();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(activeKeyId, nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            CIPHERS.offer(cipher);
        }
    }

    /** @throws SealException when the key is unknown, the context differs or the value was altered */
    public String open(SealedValue sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SealException("no sealing key '" + sealed.keyId() + "' in the key ring");
        }
        Cipher cipher = borrow();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SealException("sealed value does not open with key '" + sealed.keyId() + "' in context " + context);
        } finally {
            CIPHERS.offer(cipher);
        }
    }

    /** A pooled cipher or a new one; the caller initialises it and offers it back when done. */
    private static Cipher borrow() {
        Cipher cipher = CIPHERS.poll();
        if (cipher != null) {
            return cipher;
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] decode(String id, String encoded) {
        try {
            return Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(encoded.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sealing key '" + id + "' is not base64");
            }
        }
    }

    /** A sealed value that cannot be opened: wrong key, wrong context, or tampered. */
    public static final class SealException extends RuntimeException {
        public SealException(String message) {
            super(message);
        }
    }
}
