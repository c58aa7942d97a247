package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.directory.NewUser;

/**
 * The intake keeps API keys, tenants and field lists for a few seconds; a change made through this instance
 * applies to the very next request all the same (each read below comes right after a request that filled the cache).
 */
class LookupCachesIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    Directory directory;

    @Test
    void a_settings_change_applies_to_the_next_request() throws Exception {
        // 100,000 per second: the first request leaves 10 µs in the key's bucket, so the new limit starts clean
        // (with 100 per 5 s it left 50 ms, and a fast run refused the second request under the new limit)
        TestTenant tenant = newTenant(100_000, 1, false);
        assertThat(reset(tenant.publicKey(), "{\"EmailAddress\":\"ghost@example.com\"}").statusCode()).isEqualTo(200);

        assertThat(send("PATCH", "/v1/admin/settings", tenant.secretKey(),
                "{\"RevealUnknownAccounts\":true,\"RateLimitRequests\":2,\"RateLimitWindow\":\"PT1H\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> revealed = reset(tenant.publicKey(), "{\"EmailAddress\":\"ghost@example.com\"}");
        assertThat(revealed.statusCode()).as("the tenant's new setting").isEqualTo(404);
        assertThat(revealed.body()).contains("No account is registered");
        assertThat(reset(tenant.publicKey(), "{\"EmailAddress\":\"ghost@example.com\"}").statusCode())
                .as("the second of 2 per hour").isEqualTo(404);
        assertThat(reset(tenant.publicKey(), "{\"EmailAddress\":\"ghost@example.com\"}").statusCode())
                .as("the key's new rate limit: 2 per hour").isEqualTo(429);
    }

    @Test
    void a_field_defined_after_a_request_is_known_to_the_next_one() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        String byMemberNumber = "{\"SearchKeyData\":{\"SchemaName\":\"MemberNumber\",\"Value\":\"M-88\"}}";
        assertThat(reset(tenant.publicKey(), byMemberNumber).statusCode()).as("not a field yet").isEqualTo(400);

        directory.defineField(tenant.id(), "MemberNumber", FieldType.TEXT);
        directory.createIfMissing(tenant.id(), new NewUser("erin@example.com", null, "Erin", "E", null,
                Map.of("MemberNumber", "M-88")));

        assertThat(reset(tenant.publicKey(), byMemberNumber).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> reset(String key, String body) throws Exception {
        return send("POST", "/v1/password-resets", key, body);
    }
}
