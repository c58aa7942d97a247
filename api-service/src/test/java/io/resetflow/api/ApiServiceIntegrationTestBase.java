package io.resetflow.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.api.apikey.ApiKeyKind;
import io.resetflow.api.apikey.ApiKeys;
import io.resetflow.api.tenant.Tenants;
import io.resetflow.testsupport.Infrastructure;

/** api-service on a random port against the shared real Kafka and PostgreSQL, with the local fixtures. */
// No token-service in these tests (pages that need it are covered end to end); a property here, not below, so that a
// test class's own @DynamicPropertySource can point it at a stand-in.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "resetflow.token-service.url=http://127.0.0.1:9")
@ActiveProfiles("local")
public abstract class ApiServiceIntegrationTestBase {

    protected static final String PUBLIC_KEY = "rf_pub_demo_local";
    protected static final String SECRET_KEY = "rf_sec_demo_local";

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.shared().springProperties("api").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ApiKeys apiKeys;
    @Autowired
    protected Tenants tenants;

    /** A fresh tenant of its own (no interference between tests); returns its public and secret keys. */
    protected TestTenant newTenant(int rateLimit, int rateWindowSeconds, boolean revealUnknownAccounts) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.createIfMissing(id, "Test " + id, "https://portal.example/" + id);
        jdbc.sql("update tenants set rate_limit_requests = ?, rate_limit_window_seconds = ?, reveal_unknown_accounts = ? where id = ?")
                .params(rateLimit, rateWindowSeconds, revealUnknownAccounts, id).update();
        return new TestTenant(id, apiKeys.create(id, ApiKeyKind.PUBLIC).key(), apiKeys.create(id, ApiKeyKind.SECRET).key());
    }

    protected record TestTenant(String id, String publicKey, String secretKey) {
    }

    protected HttpResponse<String> send(String method, String path, String authorization, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
