/**
 * The internal API that hands links back to api-service (docs/contracts.md): the decision on one request
 * ({@code for-request}, for seed 001's TemporaryPassword and the admin "Send Password Reset") and a user's
 * latest live link (the admin "Copy Link"). Read only; always scoped by tenant.
 */
package io.resetflow.token.lookup;
