/** API key authentication of the public API: hashed keys, public vs secret, the {@link io.resetflow.api.apikey.Caller}. */
package io.resetflow.api.apikey;
