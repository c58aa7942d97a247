package io.resetflow.token.config;

/**
 * Marks a bean holding keys or secrets. Such beans are created, and so validated, before any DataSource,
 * so that a missing or malformed key stops the service with a message naming the key rather than with
 * whatever a database or broker connection says first.
 */
public interface CheckedAtStartup {
}
