package io.resetflow.api.intake;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.User;
import io.resetflow.api.http.ApiException;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.Tenants;

/**
 * The forgot-password use case: find the user by the field the caller named and record a
 * {@link ResetRequest}. Known and unknown accounts take the same path (an unknown one is recorded
 * with no user), so the answer and its timing do not reveal which addresses are registered.
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

    /** @return the request id */
    public UUID request(String tenantId, SearchKey searchKey, ResetRequest.Origin origin) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new IllegalStateException("tenant vanished: " + tenantId));
        Optional<User> user = switch (searchKey.field()) {
            case EMAIL_ADDRESS -> directory.findByEmail(tenantId, searchKey.value());
            case PHONE -> directory.findByPhone(tenantId, searchKey.value());
        };
        if (user.isEmpty() && tenant.revealUnknownAccounts()) {
            throw new ApiException(HttpStatus.NOT_FOUND,
                    "No account is registered with this " + searchKey.field().schemaName() + ". Check it and try again.");
        }
        ResetRequest request = new ResetRequest(UUID.randomUUID(), clock.instant(), tenant,
                user.map(User::id).orElse(null), ResetRequest.Channel.EMAIL, user.map(User::email).orElse(null), origin);
        publisher.publish(request);
        return request.requestId();
    }
}
