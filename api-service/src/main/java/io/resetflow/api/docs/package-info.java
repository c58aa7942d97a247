/** The OpenAPI description of the public API, with seed 001's examples. */
package io.resetflow.api.docs;
