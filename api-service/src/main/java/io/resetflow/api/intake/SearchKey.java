package io.resetflow.api.intake;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.resetflow.api.http.ApiException;

/** A unique field and the value to find a user by; validated on construction. */
record SearchKey(Field field, String value) {

    enum Field {
        EMAIL_ADDRESS("EmailAddress"), PHONE("Phone");

        private final String schemaName;

        Field(String schemaName) {
            this.schemaName = schemaName;
        }

        String schemaName() {
            return schemaName;
        }

        static Field of(String schemaName) {
            return Arrays.stream(values()).filter(f -> f.schemaName.equalsIgnoreCase(schemaName)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("Unknown SchemaName '" + schemaName + "'; use one of "
                            + Arrays.stream(values()).map(Field::schemaName).collect(Collectors.joining(", ")) + "."));
        }
    }

    SearchKey {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field.schemaName() + " must not be empty.");
        }
        value = value.strip();
        if (field == Field.EMAIL_ADDRESS && (value.length() > 320 || !value.matches("[^@\\s]+@[^@\\s]+"))) {
            throw ApiException.badRequest("EmailAddress must be an email address such as johnwick@example.com.");
        }
        if (field == Field.PHONE) {
            value = "+" + value.replaceAll("[^0-9]", "");
            if (value.length() < 8 || value.length() > 16) {
                throw ApiException.badRequest("Phone must be a phone number in international format such as +14155550101.");
            }
        }
    }

    static SearchKey from(ForgotPasswordRequest body) {
        if (body == null) {
            throw ApiException.badRequest("The message body on the request is not as per API specification. A JSON body is required.");
        }
        if (body.recipientField() != null) {
            throw ApiException.badRequest("RecipientField is not supported yet; omit it to send the link to the account's email address.");
        }
        if (body.emailAddress() != null && body.searchKeyData() != null) {
            throw ApiException.badRequest("Pass either EmailAddress or SearchKeyData, not both.");
        }
        if (body.emailAddress() != null) {
            return new SearchKey(Field.EMAIL_ADDRESS, body.emailAddress());
        }
        if (body.searchKeyData() != null) {
            if (body.searchKeyData().schemaName() == null) {
                throw ApiException.badRequest("SearchKeyData.SchemaName is required.");
            }
            return new SearchKey(Field.of(body.searchKeyData().schemaName()), body.searchKeyData().value());
        }
        throw ApiException.badRequest("EmailAddress is required (or SearchKeyData with SchemaName and Value).");
    }
}
