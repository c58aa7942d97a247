/** The request timeline: a projection of the event log answering "what happened to this reset". */
package io.resetflow.api.timeline;
