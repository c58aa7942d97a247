/** The per-key API rate limit, shared across api-service instances through PostgreSQL. */
package io.resetflow.api.ratelimit;
