package io.resetflow.token.redeem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

import io.resetflow.token.lifecycle.TokenHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Lets a request through only with {@code Authorization: Bearer <resetflow.internal.secret>}; else 401 JSON. */
class InternalSecretInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    InternalSecretInterceptor(InternalApiProperties properties) {
        this.expectedDigest = TokenHash.of(properties.secret());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(
                "{\"error\":\"unauthorized\",\"message\":\"missing or invalid internal bearer secret\"}"
                        .getBytes(StandardCharsets.UTF_8));
        return false;
    }

    /** Compares digests of equal length in constant time, so neither content nor length leaks. */
    boolean authorized(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, TokenHash.of(authorization.substring(BEARER.length()).strip()));
    }
}
