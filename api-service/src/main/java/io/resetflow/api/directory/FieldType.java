package io.resetflow.api.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/** The data type of a unique user field; decides how values are normalised and whether a link can go there. */
public enum FieldType {
    TEXT, EMAIL, PHONE;

    // Compiled once: String.matches compiles its pattern on every call, and every intake request normalises a value.
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9]{7,15}");

    /**
     * @return the value in the form it is stored and matched in
     * @throws IllegalArgumentException with a message fit for the client when the value is not of this type
     */
    public String normalise(String fieldName, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(fieldName + " must not be empty.");
        }
        String v = value.strip();
        return switch (this) {
            case TEXT -> {
                if (v.length() > 200) {
                    throw new IllegalArgumentException(fieldName + " must be at most 200 characters.");
                }
                yield v;
            }
            case EMAIL -> {
                if (v.length() > 320 || !EMAIL_ADDRESS.matcher(v).matches()) {
                    throw new IllegalArgumentException(fieldName + " must be an email address such as johnwick@example.com.");
                }
                yield v.toLowerCase(Locale.ROOT);
            }
            case PHONE -> {
                String digits = PHONE_SEPARATORS.matcher(v).replaceAll("");
                if (!PHONE_NUMBER.matcher(digits).matches()) {
                    throw new IllegalArgumentException(fieldName
                            + " must be a phone number in international format such as +14155550101.");
                }
                yield digits.startsWith("+") ? digits : "+" + digits;
            }
        };
    }

    /** Whether a reset link can be delivered to a field of this type. */
    public boolean deliverable() {
        return this != TEXT;
    }
}
