package io.resetflow.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** What the console keeps in the HTTP session: the signed-in admin and the session's CSRF token. */
final class ConsoleSession {

    static final String ADMIN = "resetflow.console.admin";
    static final String CSRF = "resetflow.console.csrf";
    /** The hidden form field, or the header the copy button's script sends. */
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    static Optional<AdminPrincipal> admin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((AdminPrincipal) session.getAttribute(ADMIN));
    }

    /** The session's CSRF token, creating the session and the token when missing. */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            token = newToken();
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    static boolean csrfValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String given = request.getHeader(CSRF_HEADER);
        if (given == null) {
            given = request.getParameter(CSRF_FIELD);
        }
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** After a successful sign-in: a new session id (no fixation) and a new CSRF token. */
    static void signIn(HttpServletRequest request, AdminPrincipal admin) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession(false);
        session.setAttribute(ADMIN, admin);
        session.setAttribute(CSRF, newToken());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
