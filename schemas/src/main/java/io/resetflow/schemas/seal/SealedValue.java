package io.resetflow.schemas.seal;

import java.nio.ByteBuffer;

import io.resetflow.schemas.avro.Sealed;

/** A sealed secret as the domain sees it; converted to the Avro {@link Sealed} only at the Kafka edge. */
public record SealedValue(String keyId, byte[] nonce, byte[] ciphertext) {

    public Sealed toAvro() {
        return Sealed.newBuilder()
                .setKeyId(keyId)
                .setNonce(ByteBuffer.wrap(nonce))
                .setCiphertext(ByteBuffer.wrap(ciphertext))
                .build();
    }

    public static SealedValue fromAvro(Sealed sealed) {
        return new SealedValue(sealed.getKeyId(), bytes(sealed.getNonce()), bytes(sealed.getCiphertext()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
