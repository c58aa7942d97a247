package io.resetflow.token.lookup;

import java.time.Instant;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /internal/v1/tokens/for-request|latest} (docs/contracts.md), behind the internal bearer secret
 * like every {@code /internal/**} route.
 */
@RestController
@RequestMapping(path = "/internal/v1/tokens", produces = "application/json")
@Validated
class TokenLookupController {

    record ForRequest(@NotBlank @Size(max = 200) String tenantId, @NotBlank @Size(max = 200) String requestId) {
    }

    record LatestRequest(@NotBlank @Size(max = 200) String tenantId, @NotBlank @Size(max = 200) String userId) {
    }

    /** {@code link} and {@code token} only for ISSUED and REUSED. */
    record DecisionResponse(String status, String userId, String linkId, String link, String token, Instant issuedAt,
            Instant expiresAt) {
    }

    record LatestResponse(String status, String linkId, String link, Instant issuedAt, Instant expiresAt,
            String requestId, String issuedEventId) {
    }

    private final TokenLookup lookup;

    TokenLookupController(TokenLookup lookup) {
        this.lookup = lookup;
    }

    @PostMapping(path = "/for-request", consumes = "application/json")
    DecisionResponse forRequest(@Valid @RequestBody ForRequest request) {
        TokenLookup.RequestAnswer answer = lookup.forRequest(request.tenantId(), request.requestId());
        if (answer.stored() == null) {
            return new DecisionResponse(answer.status().name(), answer.userId(), null, null, null, null, null);
        }
        return new DecisionResponse(answer.status().name(), answer.userId(), answer.stored().linkId().toString(),
                answer.link(), answer.token(), answer.stored().issuedAt(), answer.stored().expiresAt());
    }

    @PostMapping(path = "/latest", consumes = "application/json")
    LatestResponse latest(@Valid @RequestBody LatestRequest request) {
        TokenLookup.LatestAnswer answer = lookup.latest(request.tenantId(), request.userId());
        if (answer.stored() == null) {
            return new LatestResponse("NONE", null, null, null, null, null, null);
        }
        return new LatestResponse("LIVE", answer.stored().linkId().toString(), answer.link(),
                answer.stored().issuedAt(), answer.stored().expiresAt(), answer.stored().requestId(),
                answer.stored().issuedEventId());
    }
}
