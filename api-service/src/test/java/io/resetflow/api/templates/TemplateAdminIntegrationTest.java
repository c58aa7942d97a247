package io.resetflow.api.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.api.ApiServiceIntegrationTestBase;

/**
 * The email-template admin proxy's own part: the secret key, input checked before anything reaches notifier, and a
 * 503 (not a 500) while notifier-service cannot be reached. Rendering and validation of templates are notifier's
 * (CustomTemplatesIntegrationTest there); the whole path is exercised end to end.
 */
class TemplateAdminIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final String TEMPLATE = "{\"Subject\":\"Reset\",\"Text\":\"{{link}}\",\"Html\":\"<a href=\\\"{{link}}\\\">x</a>\"}";

    @DynamicPropertySource
    static void unreachableNotifier(DynamicPropertyRegistry registry) {
        registry.add("resetflow.notifier-service.url", () -> "http://127.0.0.1:9");
    }

    @Test
    void templates_need_the_secret_key() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        assertThat(send("GET", "/v1/admin/email-templates", tenant.publicKey(), null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/v1/admin/email-templates/reset-link/en", tenant.publicKey(), TEMPLATE).statusCode())
                .isEqualTo(401);
    }

    @Test
    void bad_input_is_a_400_that_says_what_is_wrong() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> kind = send("PUT", "/v1/admin/email-templates/Reset_Link/en", tenant.secretKey(), TEMPLATE);
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("known: reset-link, password-changed");
        HttpResponse<String> language = send("PUT", "/v1/admin/email-templates/reset-link/english", tenant.secretKey(),
                TEMPLATE);
        assertThat(language.statusCode()).isEqualTo(400);
        assertThat(language.body()).contains("ISO 639");
        HttpResponse<String> missing = send("PUT", "/v1/admin/email-templates/reset-link/en", tenant.secretKey(),
                "{\"Subject\":\"Reset\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Subject, Text and Html are required");
    }

    @Test
    void an_unreachable_notifier_is_a_503() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> response = send("PUT", "/v1/admin/email-templates/reset-link/en", tenant.secretKey(),
                TEMPLATE);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("notifier service is unavailable");
        assertThat(send("GET", "/v1/admin/webhooks", tenant.secretKey(), null).statusCode()).isEqualTo(503);
    }
}
