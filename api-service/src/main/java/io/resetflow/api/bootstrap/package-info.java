/** The first tenant of a fresh installation, created from the environment. */
package io.resetflow.api.bootstrap;
