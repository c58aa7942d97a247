/** The client of token-service's internal API: verify, redeem, decisions and latest links. */
package io.resetflow.api.tokens;
