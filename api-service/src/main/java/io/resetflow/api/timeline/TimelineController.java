package io.resetflow.api.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.http.ApiException;

/** {@code GET /v1/password-resets/{requestId}} (secret key): what happened to a request so far, with times. */
@RestController
class TimelineController {

    private final Timeline timeline;

    TimelineController(Timeline timeline) {
        this.timeline = timeline;
    }

    record Step(@JsonProperty("Type") String type, @JsonProperty("At") Instant at, @JsonProperty("EventId") String eventId,
            @JsonProperty("Details") Map<String, Object> details) {
    }

    record TimelineView(@JsonProperty("Status") String status, @JsonProperty("RequestId") String requestId,
            @JsonProperty("State") String state, @JsonProperty("Events") List<Step> events) {
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/password-resets/{requestId}", produces = "application/json")
    TimelineView get(Caller caller, @PathVariable String requestId) {
        List<TimelineEntry> entries = timeline.of(caller.tenantId(), requestId);
        if (entries.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "No reset request with RequestId " + requestId
                    + " for this tenant. Events appear within a second or two of the request.");
        }
        List<Step> steps = entries.stream().map(e -> new Step(e.type(), e.occurredAt(), e.eventId(), e.details())).toList();
        return new TimelineView("Success", requestId, state(entries), steps);
    }

    /** The furthest the request got, in the order a reset flows. */
    static String state(List<TimelineEntry> entries) {
        List<String> types = entries.stream().map(TimelineEntry::type).toList();
        if (types.contains("PasswordChanged") || types.contains("ResetLinkRedeemed")) {
            return "REDEEMED";
        }
        if (entries.stream().anyMatch(e -> e.type().equals("DeliveryOutcome") && "SENT".equals(e.details().get("Status")))) {
            return "DELIVERED";
        }
        if (types.contains("DeliveryOutcome")) {
            return "DELIVERY_FAILED";
        }
        if (types.contains("ResetRequestThrottled")) {
            return "THROTTLED";
        }
        if (types.contains("ResetLinkIssued")) {
            return "LINK_ISSUED";
        }
        return "REQUESTED";
    }
}
