package io.resetflow.api.http;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.resetflow.schemas.consume.DatabaseOutage;

/**
 * Maps every failure to seed 001's codes with a JSON body, so that a client's mistake is never a 500
 * and a real fault never leaks internals: a 500 carries only a correlation id that is also logged.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse> api(ApiException e) {
        if (e.retryAfterSeconds() != null) {
            return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString())
                    .contentType(MediaType.APPLICATION_JSON).body(ApiResponse.error(e.getMessage()));
        }
        return respond(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse> unreadable(HttpMessageNotReadableException e) {
        return respond(HttpStatus.BAD_REQUEST, JsonProblems.describe(e));
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ApiResponse> mediaType(Exception e) {
        return respond(HttpStatus.BAD_REQUEST,
                "The message body on the request is not as per API specification. Set the Content-Type header to \"application/json\".");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiResponse> missingHeader(MissingRequestHeaderException e) {
        return respond(HttpStatus.BAD_REQUEST, "The request header '" + e.getHeaderName() + "' is required.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiResponse> notFound(Exception e) {
        return respond(HttpStatus.NOT_FOUND, "The API could not be found. Please check the API signature.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiResponse> response = respond(HttpStatus.METHOD_NOT_ALLOWED,
                "The method " + e.getMethod() + " is not allowed here; use " + String.join(", ", e.getSupportedMethods() == null
                        ? new String[0] : e.getSupportedMethods()) + ".");
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    /** token-service did not answer (refused, timed out): not the caller's fault, and nothing it can fix but waiting. */
    @ExceptionHandler(ResourceAccessException.class)
    ResponseEntity<ApiResponse> dependencyDown(ResourceAccessException e) {
        log.warn("a service this call needs did not answer: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON).body(ApiResponse.error(
                        "A resetflow service this call needs is not answering right now; nothing was changed. Try again in a moment."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse> fault(Exception e) {
        if (DatabaseOutage.causes(e)) {
            // a restart or failover of the database: the caller should retry, not report a fault
            log.warn("the database is out of reach: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_JSON).body(ApiResponse.error(
                            "resetflow cannot reach its database right now. Try again in a few seconds."));
        }
        String correlationId = UUID.randomUUID().toString();
        log.error("internal fault, correlation id {}", correlationId, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error("The API call failed because of an internal fault. Quote the CorrelationId when reporting it.")
                        .withCorrelationId(correlationId));
    }

    static ResponseEntity<ApiResponse> respond(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiResponse.error(message));
    }
}
