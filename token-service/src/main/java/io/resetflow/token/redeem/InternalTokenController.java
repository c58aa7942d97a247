package io.resetflow.token.redeem;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.resetflow.token.redeem.TokenAnswers.RedeemResponse;
import io.resetflow.token.redeem.TokenAnswers.VerifyResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /internal/v1/tokens/verify|redeem}, behind {@link InternalSecretInterceptor}. */
@RestController
@RequestMapping(path = "/internal/v1/tokens", produces = "application/json")
@Validated
class InternalTokenController {

    /** The token from a reset link (43 characters when well formed; anything else is simply UNKNOWN). */
    record TokenRequest(@NotBlank @Size(max = 512) String token) {
    }

    /** @param via optional, PAGE (the default) or CONFIRM_API */
    record RedeemRequest(@NotBlank @Size(max = 512) String token, TokenRedemption.Via via) {
    }

    private final TokenRedemption redemption;

    InternalTokenController(TokenRedemption redemption) {
        this.redemption = redemption;
    }

    @PostMapping(path = "/verify", consumes = "application/json")
    VerifyResponse verify(@Valid @RequestBody TokenRequest request) {
        return VerifyResponse.of(redemption.verify(request.token()));
    }

    @PostMapping(path = "/redeem", consumes = "application/json")
    RedeemResponse redeem(@Valid @RequestBody RedeemRequest request) {
        return RedeemResponse.of(redemption.redeem(request.token(),
                request.via() == null ? TokenRedemption.Via.PAGE : request.via()));
    }
}
