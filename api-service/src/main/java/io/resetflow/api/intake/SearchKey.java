package io.resetflow.api.intake;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.resetflow.api.directory.Field;
import io.resetflow.api.http.ApiException;

/**
 * What a forgot-password body asks for, checked against the tenant's fields: the unique field and
 * normalised value to find the user by, and optionally the field to deliver the link to.
 */
record SearchKey(Field field, String value, Optional<Field> recipientField) {

    static SearchKey from(ForgotPasswordRequest body, List<Field> fields) {
        if (body == null) {
            throw ApiException.badRequest("The message body on the request is not as per API specification. A JSON body is required.");
        }
        if (body.emailAddress() != null && body.searchKeyData() != null) {
            throw ApiException.badRequest("Pass either EmailAddress or SearchKeyData, not both.");
        }
        Field field;
        String raw;
        if (body.emailAddress() != null) {
            field = Field.EMAIL_ADDRESS;
            raw = body.emailAddress();
        } else if (body.searchKeyData() != null) {
            if (body.searchKeyData().schemaName() == null || body.searchKeyData().schemaName().isBlank()) {
                throw ApiException.badRequest("SearchKeyData.SchemaName is required: the name of a unique field such as EmailAddress or Phone.");
            }
            if (body.searchKeyData().value() == null) {
                throw ApiException.badRequest("SearchKeyData.Value is required.");
            }
            field = field(body.searchKeyData().schemaName(), fields, "SchemaName");
            raw = body.searchKeyData().value();
        } else {
            throw ApiException.badRequest("EmailAddress is required (or SearchKeyData with SchemaName and Value).");
        }
        String value;
        try {
            value = field.type().normalise(field.name(), raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Optional<Field> recipient = Optional.empty();
        if (body.recipientField() != null) {
            if (body.recipientField().schemaName() == null || body.recipientField().schemaName().isBlank()) {
                throw ApiException.badRequest("RecipientField.SchemaName is required: the phone or email field to send the link to.");
            }
            Field target = field(body.recipientField().schemaName(), fields, "RecipientField.SchemaName");
            if (!target.type().deliverable()) {
                throw ApiException.badRequest("RecipientField '" + target.name() + "' is a text field; the link can only be sent"
                        + " to a field of data type phone or email.");
            }
            recipient = Optional.of(target);
        }
        return new SearchKey(field, value, recipient);
    }

    private static Field field(String schemaName, List<Field> fields, String attribute) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(schemaName.strip())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("Unknown " + attribute + " '" + schemaName + "'; use one of "
                        + fields.stream().map(Field::name).collect(Collectors.joining(", ")) + "."));
    }
}
