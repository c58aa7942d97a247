package io.resetflow.api.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.resetflow.api.ApiServiceIntegrationTestBase;

@TestPropertySource(properties = {
        "resetflow.bootstrap.tenant-id=bootstrapped",
        "resetflow.bootstrap.link-base-url=https://reset.portal.example.com",
        "resetflow.bootstrap.public-key=" + BootstrapTenantIntegrationTest.PUBLIC,
        "resetflow.bootstrap.secret-key=" + BootstrapTenantIntegrationTest.SECRET})
class BootstrapTenantIntegrationTest extends ApiServiceIntegrationTestBase {

    static final String PUBLIC = "rf_pub_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SECRET = "rf_sec_fedcba9876543210fedcba9876543210fedcba9876543210";

    @Test
    void a_fresh_installation_gets_its_first_tenant_and_keys_from_the_environment() throws Exception {
        HttpResponse<String> reset = send("POST", "/v1/password-resets", PUBLIC, "{\"EmailAddress\":\"someone@example.com\"}");
        assertThat(reset.statusCode()).isEqualTo(200);
        HttpResponse<String> settings = send("GET", "/v1/admin/settings", SECRET, null);
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"TenantId\":\"bootstrapped\"").contains("https://reset.portal.example.com");
    }
}
