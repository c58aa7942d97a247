package io.resetflow.schemas.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class SealerTest {

    private static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void opens_what_it_sealed_and_hides_the_plaintext() {
        Sealer sealer = Sealer.of("k1", Map.of("k1", K1));
        SealedValue sealed = sealer.seal("alice@example.com", "recipient:t1");
        assertThat(new String(sealed.ciphertext())).doesNotContain("alice");
        assertThat(sealer.open(sealed, "recipient:t1")).isEqualTo("alice@example.com");
        assertThat(SealedValue.fromAvro(sealed.toAvro()).ciphertext()).isEqualTo(sealed.ciphertext());
    }

    @Test
    void refuses_a_value_moved_to_another_context_or_tenant() {
        Sealer sealer = Sealer.of("k1", Map.of("k1", K1));
        SealedValue sealed = sealer.seal("https://x/reset/abc", "link:t1");
        assertThatThrownBy(() -> sealer.open(sealed, "link:t2")).isInstanceOf(Sealer.SealException.class);
        assertThatThrownBy(() -> sealer.open(sealed, "recipient:t1")).isInstanceOf(Sealer.SealException.class);
    }

    @Test
    void refuses_a_tampered_value() {
        Sealer sealer = Sealer.of("k1", Map.of("k1", K1));
        SealedValue sealed = sealer.seal("secret", "c");
        sealed.ciphertext()[0] ^= 1;
        assertThatThrownBy(() -> sealer.open(sealed, "c")).isInstanceOf(Sealer.SealException.class);
    }

    @Test
    void rotation_keeps_old_values_readable_while_sealing_with_the_new_key() {
        SealedValue old = Sealer.of("k1", Map.of("k1", K1)).seal("secret", "c");
        Sealer rotated = Sealer.of("k2", Map.of("k1", K1, "k2", K2));
        assertThat(rotated.open(old, "c")).isEqualTo("secret");
        assertThat(rotated.seal("secret", "c").keyId()).isEqualTo("k2");
    }

    @Test
    void a_thread_seals_and_opens_again_after_a_refusal_each_value_with_its_own_nonce() {
        Sealer sealer = Sealer.of("k1", Map.of("k1", K1));
        SealedValue first = sealer.seal("secret", "link:t1");
        assertThatThrownBy(() -> sealer.open(first, "link:t2")).isInstanceOf(Sealer.SealException.class);
        SealedValue second = sealer.seal("secret", "link:t1");
        assertThat(second.nonce()).isNotEqualTo(first.nonce());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
        assertThat(sealer.open(first, "link:t1")).isEqualTo("secret");
        assertThat(sealer.open(second, "link:t1")).isEqualTo("secret");
    }

    @Test
    void concurrent_seals_and_opens_each_get_their_own_value_back() throws Exception {
        Sealer sealer = Sealer.of("k1", Map.of("k1", K1));
        List<Future<String>> opened = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 200; i++) {
                String plaintext = "secret-" + i;
                String context = "link:t" + (i % 7);
                opened.add(threads.submit(() -> {
                    SealedValue sealed = sealer.seal(plaintext, context);
                    assertThatThrownBy(() -> sealer.open(sealed, context + "x")).isInstanceOf(Sealer.SealException.class);
                    return sealer.open(sealed, context);
                }));
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < opened.size(); i++) {
            assertThat(opened.get(i).get()).isEqualTo("secret-" + i);
        }
    }

    @Test
    void refuses_a_short_key_with_a_clear_message() {
        assertThatThrownBy(() -> Sealer.of("k", Map.of("k", Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void masks_addresses_for_auditors() {
        assertThat(Mask.address("johnwick@example.com")).isEqualTo("j***@example.com");
        assertThat(Mask.address("+14155550101")).isEqualTo("+1******0101");
    }
}
