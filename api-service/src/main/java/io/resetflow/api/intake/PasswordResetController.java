package io.resetflow.api.intake;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.http.ApiResponse;
import io.resetflow.api.idempotency.IdempotentRequests;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/password-resets}: seed 001's forgot-password API, with optional {@code Idempotency-Key}. */
@RestController
class PasswordResetController {

    private final ResetRequests requests;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    PasswordResetController(ResetRequests requests, IdempotentRequests idempotency, JsonMapper json) {
        this.requests = requests;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/v1/password-resets", consumes = "application/json", produces = "application/json")
    ResponseEntity<?> forgotPassword(Caller caller, @RequestBody(required = false) ForgotPasswordRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey == null) {
            return answer(caller, body);
        }
        String fingerprint = caller.kind() + "|" + body;
        Optional<IdempotentRequests.Answer> first = idempotency.claim(caller.tenantId(), idempotencyKey, fingerprint);
        if (first.isPresent()) {
            return ResponseEntity.status(first.get().status()).header("Idempotent-Replayed", "true")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(first.get().body());
        }
        try {
            ResponseEntity<ApiResponse> response = answer(caller, body);
            idempotency.complete(caller.tenantId(), idempotencyKey, response.getStatusCode().value(),
                    json.writeValueAsString(response.getBody()));
            return response;
        } catch (RuntimeException e) {
            idempotency.release(caller.tenantId(), idempotencyKey);
            throw e;
        }
    }

    private ResponseEntity<ApiResponse> answer(Caller caller, ForgotPasswordRequest body) {
        UUID requestId = requests.request(caller.tenantId(), body, ResetRequest.Origin.API);
        return ResponseEntity.ok().location(java.net.URI.create("/v1/password-resets/" + requestId))
                .body(ApiResponse.success("Reset link sent successfully").withRequestId(requestId.toString()));
    }
}
