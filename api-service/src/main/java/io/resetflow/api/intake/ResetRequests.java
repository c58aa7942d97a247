package io.resetflow.api.intake;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.resetflow.api.apikey.ApiKeyKind;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.Field;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.directory.User;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.Tenants;
import io.resetflow.api.tokens.TokenServiceClient;

/**
 * The forgot-password use case: find the user by the field the caller named and record a
 * {@link ResetRequest}. Known and unknown accounts take the same path (an unknown one is recorded
 * with no user), so the answer and its timing do not reveal which accounts exist, unless the tenant
 * chose {@code revealUnknownAccounts}. A secret-key caller also gets the token back (seed 001's
 * LeadId and TemporaryPassword), and may ask for it instead of a delivery.
 */
@Service
public class ResetRequests {

    /** What was recorded, and for a secret-key caller the decision with its token. */
    public record Result(UUID requestId, Optional<TokenServiceClient.Decision> decision) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResetRequests.class);

    private final Tenants tenants;
    private final Directory directory;
    private final ResetRequestPublisher publisher;
    private final TokenServiceClient tokens;
    private final Clock clock;

    ResetRequests(Tenants tenants, Directory directory, ResetRequestPublisher publisher, TokenServiceClient tokens, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.publisher = publisher;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** For callers that already know the user (admin console, expired-link page); sends to the account's email. */
    public UUID requestFor(String tenantId, UUID userId, ResetRequest.Origin origin, ResetRequest.Requester requester) {
        return requestFor(tenantId, userId, origin, true, requester).requestId();
    }

    /** @param deliver false: generate the link without sending it (seed 002's "copy the link") */
    public Result requestFor(String tenantId, UUID userId, ResetRequest.Origin origin, boolean deliver,
            ResetRequest.Requester requester) {
        Tenant tenant = tenant(tenantId);
        User user = directory.findById(tenantId, userId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "This tenant has no user with Id " + userId + "."));
        UUID requestId = publish(tenant, Optional.of(user), ResetRequest.Channel.EMAIL, user.email(), origin, !deliver,
                requester);
        return new Result(requestId, decision(tenantId, requestId));
    }

    /** The request is recorded either way; the decision is a convenience that may be late or unreachable. */
    private Optional<TokenServiceClient.Decision> decision(String tenantId, UUID requestId) {
        try {
            return Optional.of(tokens.decisionFor(tenantId, requestId));
        } catch (RuntimeException e) {
            log.warn("no decision yet for request {} of tenant {}: {}", requestId, tenantId, e.getMessage());
            return Optional.empty();
        }
    }

    Result request(String tenantId, ApiKeyKind kind, UUID keyId, ForgotPasswordRequest body) {
        Tenant tenant = tenant(tenantId);
        SearchKey key = SearchKey.from(body, directory.fields(tenantId));
        boolean returnToken = Boolean.FALSE.equals(body.deliver());
        if (returnToken && kind != ApiKeyKind.SECRET) {
            throw ApiException.unauthorized("Deliver: false returns the token itself and needs a secret key.");
        }
        Optional<User> user = directory.findBy(tenantId, key.field(), key.value());
        if (user.isEmpty() && tenant.revealUnknownAccounts()) {
            throw new ApiException(HttpStatus.NOT_FOUND,
                    "No account is registered with this " + key.field().name() + ". Check it and try again.");
        }
        Field target = key.recipientField().orElse(Field.EMAIL_ADDRESS);
        ResetRequest.Channel channel = target.type() == FieldType.PHONE ? ResetRequest.Channel.SMS : ResetRequest.Channel.EMAIL;
        String address = null;
        if (user.isPresent()) {
            Optional<String> value = directory.valueOf(user.get(), target);
            if (value.isEmpty() && tenant.revealUnknownAccounts()) {
                throw ApiException.badRequest("RecipientField '" + target.name()
                        + "' is empty for this account; choose another field or omit RecipientField.");
            }
            // A tenant that hides which accounts exist must not tell "known, but no phone on file" from "unknown"
            // either: the request is recorded without an address, token-service decides REJECTED_NO_RECIPIENT, and
            // the caller gets the answer every request gets.
            address = value.orElse(null);
        }
        UUID requestId = publish(tenant, user, channel, address, ResetRequest.Origin.API, returnToken,
                ResetRequest.Requester.apiKey(keyId));
        if (kind != ApiKeyKind.SECRET || user.isEmpty()) {
            return new Result(requestId, Optional.empty());
        }
        return new Result(requestId, Optional.of(decision(tenantId, requestId).orElseGet(() ->
                new TokenServiceClient.Decision("PENDING", null, null, null, null, null, null))));
    }

    private UUID publish(Tenant tenant, Optional<User> user, ResetRequest.Channel channel, String address,
            ResetRequest.Origin origin, boolean returnToken, ResetRequest.Requester requester) {
        ResetRequest request = new ResetRequest(UUID.randomUUID(), clock.instant(), tenant,
                user.map(User::id).orElse(null), channel, address, origin, returnToken, requester);
        publisher.publish(request);
        return request.requestId();
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new IllegalStateException("tenant vanished: " + tenantId));
    }
}
