package io.resetflow.token.issue;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;

/** Rebuilds a stored link from its sealed token copy, for the features that hand a link back to api-service. */
@Component
public class IssuedLinks {

    private final TokenVault vault;

    IssuedLinks(TokenVault vault) {
        this.vault = vault;
    }

    /** @return the token, or empty when the stored copy no longer opens (other key, altered) */
    public Optional<String> token(String tenantId, SealedValue sealedCopy) {
        try {
            return Optional.of(vault.open(tenantId, sealedCopy));
        } catch (Sealer.SealException e) {
            return Optional.empty();
        }
    }

    /** {@code {linkBaseUrl}/reset/{token}} */
    public String link(String linkBaseUrl, String token) {
        return Links.resetLink(linkBaseUrl, token);
    }
}
