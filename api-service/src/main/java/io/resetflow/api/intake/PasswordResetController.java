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
import io.resetflow.api.tokens.TokenServiceClient;
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
        if (body == null) {
            throw io.resetflow.api.http.ApiException.badRequest(
                    "The message body on the request is not as per API specification. A JSON body is required.");
        }
        ResetRequests.Result result = requests.request(caller.tenantId(), caller.kind(), caller.keyId(), body);
        UUID requestId = result.requestId();
        ApiResponse response = ApiResponse.success("Reset link sent successfully").withRequestId(requestId.toString());
        if (result.decision().isPresent()) {
            TokenServiceClient.Decision decision = result.decision().get();
            switch (decision.status()) {
                case "ISSUED", "REUSED" -> response = response.with("LeadId", decision.userId())
                        .with("TemporaryPassword", decision.token()).with("ExpiresAt", decision.expiresAt());
                case "THROTTLED" -> throw new io.resetflow.api.http.ApiException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
                        "This user reached the tenant's limit of password resets per hour; try again later.");
                case "PENDING" -> {
                    // recorded (the log acknowledged it), not decided yet: a 503 told the client it was not recorded,
                    // and its retry, with the same Idempotency-Key too, made a second request
                    return ResponseEntity.accepted().location(java.net.URI.create("/v1/password-resets/" + requestId))
                            .body(ApiResponse.success("The reset request is recorded, but its outcome is not known yet."
                                    + " Follow it with GET /v1/password-resets/" + requestId + ".")
                                    .withRequestId(requestId.toString()));
                }
                default -> { }
            }
        }
        return ResponseEntity.ok().location(java.net.URI.create("/v1/password-resets/" + requestId)).body(response);
    }
}
