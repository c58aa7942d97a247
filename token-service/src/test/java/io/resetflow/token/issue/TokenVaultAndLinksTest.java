package io.resetflow.token.issue;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class TokenVaultAndLinksTest {

    @Test
    void builds_the_link_from_the_tenant_base_url_without_a_double_slash() {
        assertThat(Links.resetLink("https://portal.example/acme/", "abc")).isEqualTo("https://portal.example/acme/reset/abc");
        assertThat(Links.resetLink("https://portal.example", "abc")).isEqualTo("https://portal.example/reset/abc");
    }

    @Test
    void minted_tokens_are_43_char_base64url_and_differ() {
        TokenVault vault = new TokenVault(new TokenProperties("dG9rZW4tYXQtcmVzdC1sb2NhbC1rZXktMzItYnl0ZXM=", null));
        String a = vault.mint();
        String b = vault.mint();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b);
    }

    @Test
    void the_stored_copy_opens_only_for_its_tenant() {
        TokenVault vault = new TokenVault(new TokenProperties("dG9rZW4tYXQtcmVzdC1sb2NhbC1rZXktMzItYnl0ZXM=", null));
        var sealed = vault.seal("t1", "secret-token");
        assertThat(vault.open("t1", sealed)).isEqualTo("secret-token");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.open("t2", sealed))
                .isInstanceOf(io.resetflow.schemas.seal.Sealer.SealException.class);
    }

    @Test
    void refuses_an_at_rest_key_that_is_not_32_bytes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenVault(new TokenProperties("c2hvcnQ=", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resetflow.token.at-rest-key");
    }
}
