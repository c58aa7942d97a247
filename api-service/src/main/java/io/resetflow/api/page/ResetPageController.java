package io.resetflow.api.page;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.PasswordPolicy;
import io.resetflow.api.directory.User;
import io.resetflow.api.intake.ResetRequest;
import io.resetflow.api.intake.ResetRequests;
import io.resetflow.api.ratelimit.RateLimiter;
import io.resetflow.api.tokens.TokenServiceClient;
import io.resetflow.api.tokens.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page behind a reset link. Opening it (GET) only verifies the token, because mail scanners
 * pre-fetch links; only submitting the form (POST) consumes the token and sets the password.
 * Dead ends (expired, used, replaced, unknown) each say what happened without naming the account;
 * expired, used and replaced links offer to send a new link to the account's owner (seed 003).
 * Unknown tokens count against the client address, so guessing is rate limited.
 */
@Controller
class ResetPageController {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final int FAILED_LINKS_PER_ADDRESS = 20;
    static final Duration FAILED_LINKS_WINDOW = Duration.ofMinutes(15);

    private final TokenServiceClient tokens;
    private final Directory directory;
    private final PasswordPolicy policy;
    private final ResetRequests requests;
    private final RateLimiter limiter;

    ResetPageController(TokenServiceClient tokens, Directory directory, PasswordPolicy policy, ResetRequests requests,
            RateLimiter limiter) {
        this.tokens = tokens;
        this.directory = directory;
        this.policy = policy;
        this.requests = requests;
        this.limiter = limiter;
    }

    @GetMapping("/reset/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("token", token);
        Optional<TokenServiceClient.TokenAnswer> answer = check(token, request);
        if (answer.isEmpty()) {
            return tooManyFailures(response);
        }
        return answer.get().status() == TokenStatus.VALID ? "reset-form" : deadEnd(answer.get().status(), model);
    }

    @PostMapping("/reset/{token}")
    String submit(@PathVariable String token,
            @RequestParam(name = "password", required = false) String password,
            @RequestParam(name = "confirmPassword", required = false) String confirmPassword,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("token", token);
        Optional<TokenServiceClient.TokenAnswer> verified = check(token, request);
        if (verified.isEmpty()) {
            return tooManyFailures(response);
        }
        if (verified.get().status() != TokenStatus.VALID) {
            return deadEnd(verified.get().status(), model);
        }
        Optional<User> user = directory.findById(verified.get().tenantId(), verified.get().userUuid());
        Optional<String> problem = password != null && !password.equals(confirmPassword)
                ? Optional.of("The two passwords do not match.")
                : policy.problem(password, user.map(User::email).orElse(null));
        if (problem.isPresent()) {
            model.addAttribute("passwordError", problem.get());
            return "reset-form";
        }
        TokenServiceClient.TokenAnswer[] redeemed = new TokenServiceClient.TokenAnswer[1];
        boolean changed = directory.setPasswordRedeeming(verified.get().tenantId(), verified.get().userUuid(), password,
                PasswordChange.Via.RESET_PAGE, () -> {
                    redeemed[0] = tokens.redeem(token, "PAGE");
                    return redeemed[0].status() == TokenStatus.REDEEMED
                            ? Optional.of(new Directory.Redeemed(redeemed[0].requestId(), redeemed[0].linkId()))
                            : Optional.empty();
                });
        return changed ? "reset-done" : deadEnd(redeemed[0].status(), model);
    }

    /** Seed 003: the expired-link page offers a new link; it goes to the account's owner, never to the visitor. */
    @PostMapping("/reset/{token}/renew")
    String renew(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("token", token);
        Optional<TokenServiceClient.TokenAnswer> answer = check(token, request);
        if (answer.isEmpty()) {
            return tooManyFailures(response);
        }
        TokenStatus status = answer.get().status();
        if (status == TokenStatus.VALID) {
            return "reset-form";
        }
        if (status == TokenStatus.UNKNOWN) {
            return deadEnd(status, model);
        }
        requests.requestFor(answer.get().tenantId(), answer.get().userUuid(), ResetRequest.Origin.PAGE,
                ResetRequest.Requester.user());
        return "reset-renewed";
    }

    /** @return the token's state, or empty when this client address has failed too often */
    private Optional<TokenServiceClient.TokenAnswer> check(String token, HttpServletRequest request) {
        UUID address = UUID.nameUUIDFromBytes(("reset-page-failures:" + request.getRemoteAddr()).getBytes(StandardCharsets.UTF_8));
        if (limiter.exceeded(address, FAILED_LINKS_PER_ADDRESS, FAILED_LINKS_WINDOW)) {
            return Optional.empty();
        }
        TokenServiceClient.TokenAnswer answer = TOKEN.matcher(token).matches()
                ? tokens.verify(token)
                : new TokenServiceClient.TokenAnswer(TokenStatus.UNKNOWN, null, null, null, null);
        if (answer.status() == TokenStatus.UNKNOWN) {
            limiter.hit(address, FAILED_LINKS_PER_ADDRESS, FAILED_LINKS_WINDOW);
        }
        return Optional.of(answer);
    }

    private static String tooManyFailures(HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", String.valueOf(FAILED_LINKS_WINDOW.toSeconds()));
        return "reset-too-many";
    }

    private static String deadEnd(TokenStatus status, Model model) {
        model.addAttribute("reason", status.name());
        return "reset-dead-end";
    }
}
