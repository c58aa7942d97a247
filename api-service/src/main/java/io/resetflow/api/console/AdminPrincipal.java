package io.resetflow.api.console;

import java.io.Serializable;
import java.util.UUID;

/** The admin a console session belongs to; every console query is scoped by {@link #tenantId()}. */
record AdminPrincipal(UUID id, String tenantId, String email) implements Serializable {
}
