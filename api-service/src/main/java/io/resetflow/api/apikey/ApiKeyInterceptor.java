package io.resetflow.api.apikey;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.resetflow.api.http.ApiException;
import io.resetflow.api.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates every {@code /v1} call by its {@code Authorization} header: the bare key as seed 001
 * shows, or {@code Bearer <key>}. Only mapped handlers are guarded, so an unknown route is a 404.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

    private final ApiKeys keys;
    private final RateLimiter rateLimiter;

    ApiKeyInterceptor(ApiKeys keys, RateLimiter rateLimiter) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("The API call was made without credentials. Pass your API key in the Authorization header.");
        }
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header.trim();
        Caller caller = keys.authenticate(key).orElseThrow(() -> ApiException.unauthorized(
                "The API call was made with invalid access credentials. Check your API key."));
        if (method.hasMethodAnnotation(SecretKeyRequired.class) && caller.kind() != ApiKeyKind.SECRET) {
            throw ApiException.unauthorized("This API needs a secret key; a public key may only request password resets.");
        }
        RateLimiter.Decision decision = rateLimiter.hit(caller.keyId(), caller.rateLimit(), caller.rateWindow());
        if (!decision.allowed()) {
            throw ApiException.tooManyRequests(caller.rateLimit(), caller.rateWindow().toSeconds(), decision.retryAfterSeconds());
        }
        request.setAttribute(CALLER, caller);
        return true;
    }
}
