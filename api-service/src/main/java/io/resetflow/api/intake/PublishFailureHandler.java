package io.resetflow.api.intake;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.resetflow.api.http.ApiResponse;

/** The event log did not acknowledge: nothing was promised, the client may simply retry. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = PasswordResetController.class)
class PublishFailureHandler {

    @ExceptionHandler(ResetRequestPublisher.PublishFailedException.class)
    ResponseEntity<ApiResponse> unavailable(ResetRequestPublisher.PublishFailedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error("The reset request could not be recorded right now. Retry in a few seconds."));
    }
}
