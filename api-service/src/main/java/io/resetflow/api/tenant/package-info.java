/** Tenants and their settings: reset policy (link base URL, lifetimes, throttles) and delivery settings. */
package io.resetflow.api.tenant;
