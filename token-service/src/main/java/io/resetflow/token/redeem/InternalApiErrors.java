package io.resetflow.token.redeem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Every error of the internal API as JSON: 4xx for bad input, 500 only for real faults. */
@RestControllerAdvice
class InternalApiErrors {

    private static final Logger log = LoggerFactory.getLogger(InternalApiErrors.class);

    record ErrorBody(String error, String message) {
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "malformed JSON body: expected the members of docs/contracts.md");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e) {
        String fields = e.getBindingResult().getFieldErrors().stream().map(f -> f.getField()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        return body(HttpStatus.BAD_REQUEST, "missing or too long: " + fields);
    }

    /** Wrong media type, wrong method, unknown route and the like carry their status; the rest is a fault. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> other(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return body(known.getStatusCode(), known.getBody().getDetail());
        }
        log.error("internal token API failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static ResponseEntity<ErrorBody> body(HttpStatusCode status, String message) {
        String error = status instanceof HttpStatus known ? known.name().toLowerCase(java.util.Locale.ROOT) : "error";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ErrorBody(error, message));
    }
}
