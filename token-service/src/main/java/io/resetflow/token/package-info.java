/** token-service: the lifecycle of reset tokens, from a ResetRequested to a redeemed link. */
package io.resetflow.token;
