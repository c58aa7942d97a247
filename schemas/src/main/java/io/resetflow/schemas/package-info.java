/** The event contract shared by the three services: topic names, headers; nothing else is shared. */
package io.resetflow.schemas;
