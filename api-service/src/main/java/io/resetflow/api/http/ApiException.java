package io.resetflow.api.http;

import org.springframework.http.HttpStatus;

/** A client mistake or refusal, answered with its status and a message that says what to fix. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    private ApiException(HttpStatus status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with the seed's message and a {@code Retry-After}. */
    public static ApiException tooManyRequests(int limit, long windowSeconds, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "API calls exceeded the limit of " + limit + " in " + windowSeconds + " second(s)", retryAfterSeconds);
    }

    /** 429 with a {@code Retry-After} (at least 1 second) and the caller's own message. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message, Math.max(1, retryAfterSeconds));
    }

    /** Seconds a client should wait before retrying, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }
}
