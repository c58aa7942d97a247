/** Password check for portals: does this email and password match the directory. */
package io.resetflow.api.login;
