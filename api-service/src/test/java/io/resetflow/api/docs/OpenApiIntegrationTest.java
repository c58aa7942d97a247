package io.resetflow.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;

class OpenApiIntegrationTest extends ApiServiceIntegrationTestBase {

    @Test
    void the_openapi_document_describes_the_intake_with_examples_for_requests_and_errors() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/v1/password-resets").contains("/v1/logins").contains("/v1/admin/api-keys")
                .contains("SearchKeyData").contains("RecipientField")
                .contains("API calls exceeded the limit of 25 in 5 second(s)")
                .contains("The API could not be found. Please check the API signature.")
                .contains("Reset link sent successfully");
        assertThat(docs.body()).doesNotContain("/internal/");
    }

    @Test
    void swagger_ui_is_served() throws Exception {
        HttpResponse<String> ui = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/swagger-ui/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
