package io.resetflow.api.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of every public API answer, in seed 001's shape: {@code Status} is "Success" or
 * "Error", {@code Message} says what happened or what to fix; further PascalCase members
 * ({@code RequestId}, {@code LeadId}, {@code Link}, ...) follow, left out when null.
 */
@JsonPropertyOrder({"Status", "Message"})
public record ApiResponse(
        @JsonProperty("Status") String status,
        @JsonProperty("Message") String message,
        @JsonAnyGetter Map<String, Object> fields) {

    public ApiResponse {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ApiResponse success(String message) {
        return new ApiResponse("Success", message, Map.of());
    }

    public static ApiResponse error(String message) {
        return new ApiResponse("Error", message, Map.of());
    }

    /** A copy with one more member; a null value leaves the member out. */
    public ApiResponse with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new ApiResponse(status, message, more);
    }

    public ApiResponse withRequestId(String value) {
        return with("RequestId", value);
    }

    public ApiResponse withId(String value) {
        return with("Id", value);
    }

    public ApiResponse withCorrelationId(String value) {
        return with("CorrelationId", value);
    }
}
