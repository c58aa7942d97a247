package io.resetflow.notifier.outbound;

import org.springframework.stereotype.Component;

import io.resetflow.schemas.seal.SealedValue;
import io.resetflow.schemas.seal.Sealer;

/** Seals webhook signing secrets at rest with the event key ring, bound to a context (e.g. {@code webhook-secret:{tenantId}}). */
@Component
public class SecretVault {

    private final Sealer sealer;

    SecretVault(Sealer sealer) {
        this.sealer = sealer;
    }

    public SealedValue seal(String secret, String context) {
        return sealer.seal(secret, context);
    }

    public String open(SealedValue sealed, String context) {
        return sealer.open(sealed, context);
    }
}
