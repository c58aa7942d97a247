/** The reset token as both features see it: its states and how it is looked up (by hash, never by scan). */
package io.resetflow.token.lifecycle;
