package io.resetflow.api.intake;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Seed 001's forgot-password body: an EmailAddress, or SearchKeyData naming any unique field, and
 * optionally the RecipientField to send to. {@code Deliver: false} (secret key only) returns the token
 * without sending anything.
 */
record ForgotPasswordRequest(
        @JsonProperty("EmailAddress") String emailAddress,
        @JsonProperty("SearchKeyData") SearchKeyData searchKeyData,
        @JsonProperty("RecipientField") RecipientField recipientField,
        @JsonProperty("Deliver") Boolean deliver) {

    record SearchKeyData(@JsonProperty("SchemaName") String schemaName, @JsonProperty("Value") String value) {
    }

    record RecipientField(@JsonProperty("SchemaName") String schemaName) {
    }
}
