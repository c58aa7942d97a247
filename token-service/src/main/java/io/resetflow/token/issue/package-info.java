/** Deciding what a ResetRequested leads to (ignore, re-send the live link, or mint a new one) and minting tokens. */
package io.resetflow.token.issue;
