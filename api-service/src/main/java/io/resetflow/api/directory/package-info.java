/** The user directory: users, unique fields, password hashes. */
package io.resetflow.api.directory;
