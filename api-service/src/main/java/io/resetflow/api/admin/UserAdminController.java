package io.resetflow.api.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.User;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.http.ApiResponse;
import io.resetflow.api.intake.ResetRequest;
import io.resetflow.api.intake.ResetRequests;
import io.resetflow.api.reveal.LinkReveal;
import io.resetflow.api.reveal.LinkRevealPublisher;
import io.resetflow.api.reveal.Reveals;
import io.resetflow.api.timeline.Timeline;
import io.resetflow.api.tokens.TokenServiceClient;

/**
 * The admin API over users (secret key), the same operations support staff have in the console
 * (seeds 002 and 003): create a user and send the first set-password link, send or only generate a
 * reset link, and read the latest unclaimed link.
 */
@RestController
class UserAdminController {

    static final String CREATED_AND_SENT = "Account successfully created and reset password email sent.";
    static final String CREATED = "Account successfully created.";
    static final String SENT = "Reset password email sent.";
    static final String GENERATED = "Reset password link generated. It was not sent; copy it to the user.";
    static final String NO_TOKEN = "This user does not have a password reset token.";

    private final Directory directory;
    private final ResetRequests requests;
    private final TokenServiceClient tokens;
    private final Timeline timeline;
    private final Reveals reveals;

    UserAdminController(Directory directory, ResetRequests requests, TokenServiceClient tokens, Timeline timeline,
            Reveals reveals) {
        this.reveals = reveals;
        this.directory = directory;
        this.requests = requests;
        this.tokens = tokens;
        this.timeline = timeline;
    }

    /** Known members plus the tenant's own unique fields as further PascalCase members. */
    static final class CreateUser {
        @JsonProperty("EmailAddress") String emailAddress;
        @JsonProperty("FirstName") String firstName;
        @JsonProperty("LastName") String lastName;
        @JsonProperty("Phone") String phone;
        @JsonProperty("SendSetPasswordLink") Boolean sendSetPasswordLink;
        final Map<String, String> fields = new LinkedHashMap<>();

        @JsonAnySetter
        void field(String name, Object value) {
            fields.put(name, value == null ? null : value.toString());
        }
    }

    record SendReset(@JsonProperty("Send") Boolean send) {
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/users", consumes = "application/json", produces = "application/json")
    ResponseEntity<ApiResponse> create(Caller caller, @RequestBody(required = false) CreateUser body) {
        if (body == null || body.emailAddress == null || body.emailAddress.isBlank()) {
            throw ApiException.badRequest("EmailAddress is required.");
        }
        List<String> known = directory.fields(caller.tenantId()).stream().map(f -> f.name()).toList();
        for (String name : body.fields.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("Unknown attribute '" + name + "'; declare it with PUT /v1/admin/fields/" + name
                        + " first, or use one of " + String.join(", ", known) + ".");
            }
        }
        User user;
        try {
            user = directory.create(caller.tenantId(), new NewUser(body.emailAddress, body.phone, body.firstName, body.lastName,
                    null, body.fields));
        } catch (Directory.DuplicateUserException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ApiResponse response = ApiResponse.success(CREATED).withId(user.id().toString());
        if (!Boolean.FALSE.equals(body.sendSetPasswordLink)) {
            ResetRequests.Result result = requests.requestFor(caller.tenantId(), user.id(), ResetRequest.Origin.ADMIN, true,
                    ResetRequest.Requester.apiKey(caller.keyId()));
            response = new ApiResponse("Success", CREATED_AND_SENT, response.fields()).with("RequestId", result.requestId().toString())
                    .with("Link", result.decision().filter(TokenServiceClient.Decision::hasLink).map(TokenServiceClient.Decision::link).orElse(null));
        }
        return ResponseEntity.created(URI.create("/v1/admin/users/" + user.id())).body(response);
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/users", produces = "application/json")
    Map<String, Object> search(Caller caller, @RequestParam(name = "Search", required = false) String search) {
        List<Map<String, Object>> users = directory.search(caller.tenantId(), search, 50).stream().map(this::view).toList();
        return Map.of("Status", "Success", "Users", users);
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/users/{id}", produces = "application/json")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        Map<String, Object> view = new LinkedHashMap<>(view(user(caller, id)));
        view.put("Status", "Success");
        return view;
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/users/{id}/password-resets", produces = "application/json")
    ResponseEntity<ApiResponse> sendReset(Caller caller, @PathVariable String id, @RequestBody(required = false) SendReset body) {
        User user = user(caller, id);
        boolean send = body == null || !Boolean.FALSE.equals(body.send());
        ResetRequests.Result result = requests.requestFor(caller.tenantId(), user.id(), ResetRequest.Origin.ADMIN, send,
                ResetRequest.Requester.apiKey(caller.keyId()));
        TokenServiceClient.Decision decision = result.decision()
                .orElse(new TokenServiceClient.Decision("PENDING", null, null, null, null, null, null));
        if (!send && !decision.hasLink()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The link was requested but is not ready yet; read it in a moment"
                    + " with GET /v1/admin/users/" + user.id() + "/reset-link.");
        }
        if ("THROTTLED".equals(decision.status())) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "This user reached the tenant's limit of password reset deliveries per hour; copy the latest link instead.");
        }
        ApiResponse response = ApiResponse.success(send ? SENT : GENERATED).withId(user.id().toString())
                .withRequestId(result.requestId().toString())
                .with("Link", decision.hasLink() ? decision.link() : null)
                .with("ExpiresAt", decision.expiresAt());
        return ResponseEntity.ok(response);
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/users/{id}/reset-link", produces = "application/json")
    ApiResponse latestLink(Caller caller, @PathVariable String id) {
        User user = user(caller, id);
        TokenServiceClient.LatestLink latest = tokens.latest(caller.tenantId(), user.id());
        if (!latest.live()) {
            throw new ApiException(HttpStatus.NOT_FOUND, NO_TOKEN);
        }
        try {
            reveals.record(caller.tenantId(), user.id(), latest.linkId(), latest.requestId(), latest.issuedEventId(),
                    LinkReveal.Action.API_READ, LinkReveal.ActorType.API_KEY, caller.keyId().toString(), null);
        } catch (LinkRevealPublisher.NotRecordedException e) {
            // A revealed link is a credential handed out: without its event on the log it is not handed out.
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The link could not be recorded as revealed, so it is not shown; try again in a moment.");
        }
        return ApiResponse.success("Reset Password Link").withId(user.id().toString()).with("Link", latest.link())
                .with("IssuedAt", latest.issuedAt()).with("ExpiresAt", latest.expiresAt());
    }

    /** The user's reset and delivery history, newest first: requested, issued, sent, failed and why, redeemed. */
    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/users/{id}/history", produces = "application/json")
    Map<String, Object> history(Caller caller, @PathVariable String id) {
        User user = user(caller, id);
        List<Map<String, Object>> events = timeline.ofUser(caller.tenantId(), user.id().toString(), 200).stream()
                .map(e -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("Type", e.type());
                    step.put("At", e.occurredAt());
                    step.put("RequestId", e.requestId());
                    step.put("Details", e.details());
                    return step;
                }).toList();
        return Map.of("Status", "Success", "Id", user.id().toString(), "Events", events);
    }

    private User user(Caller caller, String id) {
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "This tenant has no user with Id " + id + ".");
        }
        // Scoped by the caller's tenant: another tenant's user is indistinguishable from a missing one.
        return directory.findById(caller.tenantId(), userId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "This tenant has no user with Id " + id + "."));
    }

    private Map<String, Object> view(User u) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("Id", u.id().toString());
        view.put("EmailAddress", u.email());
        view.put("FirstName", u.firstName());
        view.put("LastName", u.lastName());
        view.put("Phone", u.phone());
        view.putAll(directory.attributes(u));
        return view;
    }
}
