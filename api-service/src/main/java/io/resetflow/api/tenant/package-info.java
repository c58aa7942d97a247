/** Tenants and their reset policy (link base URL, lifetimes, throttles). */
package io.resetflow.api.tenant;
