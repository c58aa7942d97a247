package io.resetflow.api.intake;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Seed 001's forgot-password body: an EmailAddress, or SearchKeyData naming any unique field. */
record ForgotPasswordRequest(
        @JsonProperty("EmailAddress") String emailAddress,
        @JsonProperty("SearchKeyData") SearchKeyData searchKeyData,
        @JsonProperty("RecipientField") RecipientField recipientField) {

    record SearchKeyData(@JsonProperty("SchemaName") String schemaName, @JsonProperty("Value") String value) {
    }

    record RecipientField(@JsonProperty("SchemaName") String schemaName) {
    }
}
