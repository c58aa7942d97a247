package io.resetflow.api.intake;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.Field;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.directory.User;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.Tenants;

/**
 * The forgot-password use case: find the user by the field the caller named and record a
 * {@link ResetRequest}. Known and unknown accounts take the same path (an unknown one is recorded
 * with no user), so the answer and its timing do not reveal which accounts exist, unless the tenant
 * chose {@code revealUnknownAccounts}.
 */
@Service
public class ResetRequests {

    private final Tenants tenants;
    private final Directory directory;
    private final ResetRequestPublisher publisher;
    private final Clock clock;

    ResetRequests(Tenants tenants, Directory directory, ResetRequestPublisher publisher, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** For callers that already know the user (admin console, expired-link page). */
    public UUID requestFor(String tenantId, UUID userId, ResetRequest.Origin origin) {
        Tenant tenant = tenant(tenantId);
        User user = directory.findById(tenantId, userId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "This tenant has no user with Id " + userId + "."));
        return publish(tenant, Optional.of(user), ResetRequest.Channel.EMAIL, user.email(), origin);
    }

    UUID request(String tenantId, ForgotPasswordRequest body, ResetRequest.Origin origin) {
        Tenant tenant = tenant(tenantId);
        SearchKey key = SearchKey.from(body, directory.fields(tenantId));
        Optional<User> user = directory.findBy(tenantId, key.field(), key.value());
        if (user.isEmpty() && tenant.revealUnknownAccounts()) {
            throw new ApiException(HttpStatus.NOT_FOUND,
                    "No account is registered with this " + key.field().name() + ". Check it and try again.");
        }
        Field target = key.recipientField().orElse(Field.EMAIL_ADDRESS);
        ResetRequest.Channel channel = target.type() == FieldType.PHONE ? ResetRequest.Channel.SMS : ResetRequest.Channel.EMAIL;
        String address = null;
        if (user.isPresent()) {
            address = directory.valueOf(user.get(), target).orElseThrow(() -> ApiException.badRequest(
                    "RecipientField '" + target.name() + "' is empty for this account; choose another field or omit RecipientField."));
        }
        return publish(tenant, user, channel, address, origin);
    }

    private UUID publish(Tenant tenant, Optional<User> user, ResetRequest.Channel channel, String address, ResetRequest.Origin origin) {
        ResetRequest request = new ResetRequest(UUID.randomUUID(), clock.instant(), tenant,
                user.map(User::id).orElse(null), channel, address, origin);
        publisher.publish(request);
        return request.requestId();
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new IllegalStateException("tenant vanished: " + tenantId));
    }
}
