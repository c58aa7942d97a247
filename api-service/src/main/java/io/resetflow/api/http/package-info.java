/** HTTP conventions of the public API: the Status/Message body and the mapping of every error to it. */
package io.resetflow.api.http;
