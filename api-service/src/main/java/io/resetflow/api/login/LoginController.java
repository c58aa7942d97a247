package io.resetflow.api.login;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.PasswordCheck;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.http.ApiResponse;

/**
 * {@code POST /v1/logins}: lets a portal's backend check a password against the directory. Wrong email and
 * wrong password get the same answer, so it cannot be used to find accounts. It needs a secret key: a public key
 * sits in the portal's web pages, and with it anyone could have tried passwords against every account. After
 * {@code resetflow.login.max-failures} failed checks of one email in a window the next are refused with 429 until the
 * window ends, whatever the password (a reset link ends the lock).
 */
@RestController
class LoginController {

    private final Directory directory;

    LoginController(Directory directory) {
        this.directory = directory;
    }

    record LoginRequest(@JsonProperty("EmailAddress") String emailAddress, @JsonProperty("Password") String password) {
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/logins", consumes = "application/json", produces = "application/json")
    ResponseEntity<ApiResponse> login(Caller caller, @RequestBody(required = false) LoginRequest body) {
        if (body == null || body.emailAddress() == null || body.emailAddress().isBlank() || body.password() == null) {
            throw ApiException.badRequest("EmailAddress and Password are required.");
        }
        PasswordCheck check = directory.checkPassword(caller.tenantId(), body.emailAddress(), body.password());
        if (check instanceof PasswordCheck.Matched matched) {
            return ResponseEntity.ok(ApiResponse.success("Password is correct").withId(matched.user().id().toString()));
        }
        if (check instanceof PasswordCheck.Locked locked) {
            long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests("Too many failed logins for this email address. Try again in "
                    + seconds + " second(s), or reset the password.", seconds);
        }
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(ApiResponse.error("The email address or password is incorrect."));
    }
}
