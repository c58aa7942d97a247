package io.resetflow.api.intake;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.http.ApiResponse;

/** {@code POST /v1/password-resets}: seed 001's forgot-password API. */
@RestController
class PasswordResetController {

    private final ResetRequests requests;

    PasswordResetController(ResetRequests requests) {
        this.requests = requests;
    }

    @PostMapping(path = "/v1/password-resets", consumes = "application/json", produces = "application/json")
    ResponseEntity<ApiResponse> forgotPassword(Caller caller, @RequestBody(required = false) ForgotPasswordRequest body) {
        UUID requestId = requests.request(caller.tenantId(), SearchKey.from(body), ResetRequest.Origin.API);
        return ResponseEntity.ok(ApiResponse.success("Reset link sent successfully").withRequestId(requestId.toString()));
    }
}
