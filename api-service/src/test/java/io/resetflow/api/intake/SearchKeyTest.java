package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.resetflow.api.http.ApiException;

class SearchKeyTest {

    @Test
    void phone_numbers_are_normalised_before_matching() {
        assertThat(new SearchKey(SearchKey.Field.PHONE, "+14-157415569").value()).isEqualTo("+14157415569");
        assertThat(new SearchKey(SearchKey.Field.PHONE, "+1 415 741 5569").value()).isEqualTo("+14157415569");
    }

    @Test
    void schema_names_are_matched_without_case_and_unknown_ones_named_in_the_error() {
        assertThat(SearchKey.Field.of("emailaddress")).isEqualTo(SearchKey.Field.EMAIL_ADDRESS);
        assertThatThrownBy(() -> SearchKey.Field.of("Shoe")).isInstanceOf(ApiException.class)
                .hasMessageContaining("'Shoe'").hasMessageContaining("EmailAddress, Phone");
    }

    @Test
    void both_email_and_search_key_data_is_ambiguous() {
        ForgotPasswordRequest body = new ForgotPasswordRequest("a@b.c",
                new ForgotPasswordRequest.SearchKeyData("Phone", "+14155550101"), null);
        assertThatThrownBy(() -> SearchKey.from(body)).hasMessageContaining("either");
    }
}
