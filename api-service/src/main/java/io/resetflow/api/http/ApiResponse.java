package io.resetflow.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON body of every public API answer, in seed 001's shape: {@code Status} is "Success" or
 * "Error", {@code Message} says what happened or what to fix. Optional members are left out when null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse(
        @JsonProperty("Status") String status,
        @JsonProperty("Message") String message,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("Id") String id,
        @JsonProperty("CorrelationId") String correlationId) {

    public static ApiResponse success(String message) {
        return new ApiResponse("Success", message, null, null, null);
    }

    public static ApiResponse error(String message) {
        return new ApiResponse("Error", message, null, null, null);
    }

    public ApiResponse withRequestId(String value) {
        return new ApiResponse(status, message, value, id, correlationId);
    }

    public ApiResponse withId(String value) {
        return new ApiResponse(status, message, requestId, value, correlationId);
    }

    public ApiResponse withCorrelationId(String value) {
        return new ApiResponse(status, message, requestId, id, value);
    }
}
