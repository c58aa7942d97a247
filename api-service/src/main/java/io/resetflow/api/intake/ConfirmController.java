package io.resetflow.api.intake;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.PasswordPolicy;
import io.resetflow.api.directory.User;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.http.ApiResponse;
import io.resetflow.api.tokens.TokenServiceClient;
import io.resetflow.api.tokens.TokenStatus;

/**
 * {@code POST /v1/password-resets/confirm} (secret key): seed 001's Reset Password API. Completes a reset
 * with {@code LeadId} + {@code TemporaryPassword} (or {@code Token}) and {@code NewPassword}, under the
 * same single-use rule and password policy as the reset page.
 */
@RestController
class ConfirmController {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final TokenServiceClient tokens;
    private final Directory directory;
    private final PasswordPolicy policy;

    ConfirmController(TokenServiceClient tokens, Directory directory, PasswordPolicy policy) {
        this.tokens = tokens;
        this.directory = directory;
        this.policy = policy;
    }

    record ConfirmRequest(@JsonProperty("LeadId") String leadId, @JsonProperty("TemporaryPassword") String temporaryPassword,
            @JsonProperty("Token") String token, @JsonProperty("NewPassword") String newPassword) {
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/password-resets/confirm", consumes = "application/json", produces = "application/json")
    ApiResponse confirm(Caller caller, @RequestBody(required = false) ConfirmRequest body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON body with LeadId, TemporaryPassword and NewPassword is required.");
        }
        String token = body.temporaryPassword() != null ? body.temporaryPassword() : body.token();
        if (token == null || body.newPassword() == null) {
            throw ApiException.badRequest("TemporaryPassword (or Token) and NewPassword are required.");
        }
        if (body.temporaryPassword() != null && body.leadId() == null) {
            throw ApiException.badRequest("LeadId is required with TemporaryPassword.");
        }
        TokenServiceClient.TokenAnswer verified = TOKEN.matcher(token).matches()
                ? tokens.verify(token) : new TokenServiceClient.TokenAnswer(TokenStatus.UNKNOWN, null, null, null, null);
        refuseUnless(verified, caller, body.leadId());
        UUID userId = verified.userUuid();
        String email = directory.findById(caller.tenantId(), userId).map(User::email).orElse(null);
        policy.problem(body.newPassword(), email).ifPresent(problem -> {
            throw ApiException.badRequest("NewPassword: " + problem);
        });
        // a refused redeem throws out of the password's transaction: nothing changes
        directory.setPasswordRedeeming(caller.tenantId(), userId, body.newPassword(), PasswordChange.Via.CONFIRM_API, () -> {
            TokenServiceClient.TokenAnswer redeemed = tokens.redeem(token, "CONFIRM_API");
            refuseUnless(redeemed, caller, body.leadId());
            return Optional.of(new Directory.Redeemed(redeemed.requestId(), redeemed.linkId()));
        });
        return ApiResponse.success("Password changed successfully").with("LeadId", userId.toString());
    }

    private static void refuseUnless(TokenServiceClient.TokenAnswer answer, Caller caller, String leadId) {
        boolean ours = answer.tenantId() != null && answer.tenantId().equals(caller.tenantId());
        String message = switch (ours ? answer.status() : TokenStatus.UNKNOWN) {
            case VALID, REDEEMED -> null;
            case EXPIRED -> "The TemporaryPassword has expired; request a new password reset.";
            case USED -> "The TemporaryPassword was already used; request a new password reset.";
            case REPLACED -> "The TemporaryPassword was replaced by a newer one; use the newest.";
            case UNKNOWN -> "The TemporaryPassword is not valid.";
        };
        if (message != null) {
            throw ApiException.badRequest(message);
        }
        if (leadId != null && !leadId.equals(answer.userId())) {
            throw ApiException.badRequest("The LeadId does not match the TemporaryPassword.");
        }
    }
}
