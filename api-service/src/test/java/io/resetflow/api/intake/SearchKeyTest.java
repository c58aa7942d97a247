package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.resetflow.api.directory.Field;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.http.ApiException;

class SearchKeyTest {

    private static final Field MEMBER = new Field("MemberNumber", FieldType.TEXT, false);
    private static final Field ALT = new Field("AlternateEmail", FieldType.EMAIL, false);
    private static final List<Field> FIELDS = List.of(Field.EMAIL_ADDRESS, Field.PHONE, ALT, MEMBER);

    private static ForgotPasswordRequest search(String schema, String value, String recipient) {
        return new ForgotPasswordRequest(null, new ForgotPasswordRequest.SearchKeyData(schema, value),
                recipient == null ? null : new ForgotPasswordRequest.RecipientField(recipient), null);
    }

    @Test
    void phone_numbers_are_normalised_to_e164_before_matching() {
        assertThat(SearchKey.from(search("Phone", "+14-157415569", null), FIELDS).value()).isEqualTo("+14157415569");
        assertThat(SearchKey.from(search("phone", "+1 415 741 5569", null), FIELDS).value()).isEqualTo("+14157415569");
    }

    @Test
    void unknown_schema_names_are_named_in_the_error_with_the_known_ones() {
        assertThatThrownBy(() -> SearchKey.from(search("Shoe", "42", null), FIELDS)).isInstanceOf(ApiException.class)
                .hasMessageContaining("'Shoe'").hasMessageContaining("EmailAddress, Phone, AlternateEmail, MemberNumber");
    }

    @Test
    void a_tenant_field_is_searchable_and_a_phone_recipient_is_allowed() {
        SearchKey key = SearchKey.from(search("MemberNumber", " M-1 ", "Phone"), FIELDS);
        assertThat(key.field()).isEqualTo(MEMBER);
        assertThat(key.value()).isEqualTo("M-1");
        assertThat(key.recipientField()).contains(Field.PHONE);
    }

    @Test
    void a_text_field_cannot_receive_the_link() {
        assertThatThrownBy(() -> SearchKey.from(search("Phone", "+14155550101", "MemberNumber"), FIELDS))
                .hasMessageContaining("text field").hasMessageContaining("phone or email");
    }

    @Test
    void both_email_and_search_key_data_is_ambiguous() {
        ForgotPasswordRequest body = new ForgotPasswordRequest("a@b.c",
                new ForgotPasswordRequest.SearchKeyData("Phone", "+14155550101"), null, null);
        assertThatThrownBy(() -> SearchKey.from(body, FIELDS)).hasMessageContaining("either");
    }

    @Test
    void values_of_the_wrong_type_are_refused() {
        assertThatThrownBy(() -> SearchKey.from(search("Phone", "call me", null), FIELDS)).hasMessageContaining("international format");
        assertThatThrownBy(() -> SearchKey.from(new ForgotPasswordRequest("alice", null, null, null), FIELDS))
                .hasMessageContaining("email address");
    }
}
