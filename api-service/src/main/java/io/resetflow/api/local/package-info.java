/** Development fixtures (demo tenant, keys, users), active only in the local profile. */
package io.resetflow.api.local;
