package io.resetflow.api.http;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a JSON parsing failure into a message that tells the client what to fix, without internals. */
final class JsonProblems {

    private static final String PREFIX = "The message body on the request is not as per API specification. ";

    private JsonProblems() {
    }

    static String describe(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.BodyTooLargeException) {
                return BodySizeLimit.MESSAGE;
            }
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return PREFIX + "Unknown attribute '" + unknown.getPropertyName() + "'"
                    + (unknown.getKnownPropertyIds() == null ? "." : "; expected one of " + unknown.getKnownPropertyIds() + ".");
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String path = ((MismatchedInputException) cause).getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            return PREFIX + (path.isEmpty() ? "The body must be a JSON object." : "Attribute '" + path + "' has the wrong type.");
        }
        if (cause instanceof JacksonException) {
            return PREFIX + "The body is not valid JSON.";
        }
        return PREFIX + "A JSON body is required.";
    }
}
