package io.resetflow.api.page;

import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.resetflow.api.directory.Directory;

/**
 * The page behind a reset link. Opening it (GET) only verifies the token, because mail scanners
 * pre-fetch links; only submitting the form (POST) consumes the token and sets the password.
 * Dead ends (expired, used, replaced, unknown) each say what happened without naming the account.
 */
@Controller
class ResetPageController {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 256;

    private final TokenServiceClient tokens;
    private final Directory directory;

    ResetPageController(TokenServiceClient tokens, Directory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @GetMapping("/reset/{token}")
    String show(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        TokenStatus status = TOKEN.matcher(token).matches() ? tokens.verify(token).status() : TokenStatus.UNKNOWN;
        return status == TokenStatus.VALID ? "reset-form" : deadEnd(status, model);
    }

    @PostMapping("/reset/{token}")
    String submit(@PathVariable String token,
            @RequestParam(name = "password", required = false) String password,
            @RequestParam(name = "confirmPassword", required = false) String confirmPassword,
            Model model) {
        model.addAttribute("token", token);
        if (!TOKEN.matcher(token).matches()) {
            return deadEnd(TokenStatus.UNKNOWN, model);
        }
        String problem = passwordProblem(password, confirmPassword);
        if (problem != null) {
            TokenStatus status = tokens.verify(token).status();
            if (status != TokenStatus.VALID) {
                return deadEnd(status, model);
            }
            model.addAttribute("passwordError", problem);
            return "reset-form";
        }
        TokenServiceClient.TokenAnswer redeemed = tokens.redeem(token);
        if (redeemed.status() != TokenStatus.REDEEMED) {
            return deadEnd(redeemed.status(), model);
        }
        directory.setPassword(redeemed.tenantId(), redeemed.userUuid(), password);
        return "reset-done";
    }

    static String passwordProblem(String password, String confirmPassword) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return "Use at least " + MIN_PASSWORD_LENGTH + " characters.";
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return "Use at most " + MAX_PASSWORD_LENGTH + " characters.";
        }
        if (!password.equals(confirmPassword)) {
            return "The two passwords do not match.";
        }
        return null;
    }

    private static String deadEnd(TokenStatus status, Model model) {
        model.addAttribute("reason", status.name());
        return "reset-dead-end";
    }
}
