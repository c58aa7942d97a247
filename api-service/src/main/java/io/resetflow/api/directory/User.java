package io.resetflow.api.directory;

import java.util.UUID;

/** A user of a tenant's portal, as the directory knows them; never carries the password hash. */
public record User(UUID id, String tenantId, String email, String phone, String firstName, String lastName) {
}
