/** The admin API (secret key) over the directory and tenant settings. */
package io.resetflow.api.admin;
