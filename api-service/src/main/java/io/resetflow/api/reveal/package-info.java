/**
 * Reveals of live reset links to someone other than their owner (an admin in the console, a secret-key caller of
 * the admin API). A revealed link is a credential handed out, so each reveal is an event on the log
 * ({@code ResetLinkRevealed}) before the link is shown: no event, no link. Entry point: {@link
 * io.resetflow.api.reveal.Reveals}.
 */
package io.resetflow.api.reveal;
