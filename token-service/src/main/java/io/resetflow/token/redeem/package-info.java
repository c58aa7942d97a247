/** The internal verify/redeem HTTP API for api-service (docs/contracts.md): single use, atomic, by hash. */
package io.resetflow.token.redeem;
