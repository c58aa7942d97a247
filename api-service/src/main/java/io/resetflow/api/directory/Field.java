package io.resetflow.api.directory;

/**
 * A unique user field a tenant can search by: the built-in {@code EmailAddress} and {@code Phone}, or one
 * the tenant declared (stored as a user attribute).
 */
public record Field(String name, FieldType type, boolean builtIn) {

    public static final Field EMAIL_ADDRESS = new Field("EmailAddress", FieldType.EMAIL, true);
    public static final Field PHONE = new Field("Phone", FieldType.PHONE, true);
}
