package io.resetflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.schemas.Topics;
import io.resetflow.testsupport.Infrastructure;

/**
 * "No event, no link": when the event log does not take the {@code ResetLinkRevealed}, {@code GET
 * /v1/admin/users/{id}/reset-link} answers 503 and hands out nothing. The real broker refuses it: the reveal topic's
 * {@code max.message.bytes} is lowered for the test (no other topic is touched). token-service is a real local HTTP
 * stand-in that answers its internal "latest" call with a live link.
 */
class RevealNotRecordedIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final String LINK = "https://portal.example/reset/stand-in-secret-token";
    private static final HttpServer TOKEN_SERVICE = tokenServiceStandIn();

    @DynamicPropertySource
    static void tokenService(DynamicPropertyRegistry registry) {
        registry.add("resetflow.token-service.url", () -> "http://127.0.0.1:" + TOKEN_SERVICE.getAddress().getPort());
    }

    @AfterAll
    static void stopTokenService() {
        TOKEN_SERVICE.stop(0);
    }

    @Test
    void when_the_log_refuses_the_reveal_the_link_is_not_handed_out_and_once_it_takes_reveals_again_it_is()
            throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        HttpResponse<String> created = send("POST", "/v1/admin/users", tenant.secretKey(),
                "{\"EmailAddress\":\"reveal-" + tenant.id() + "@example.com\",\"SendSetPasswordLink\":false}");
        assertThat(created.statusCode()).isEqualTo(201);
        String path = "/v1/admin/users/" + created.body().replaceAll(".*\"Id\":\"([^\"]+)\".*", "$1") + "/reset-link";

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LINK_REVEALED);
            alter(admin, topic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"),
                    AlterConfigOp.OpType.SET));
            try {
                HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20))
                        .until(() -> send("GET", path, tenant.secretKey(), null), r -> r.statusCode() == 503);
                assertThat(refused.body()).doesNotContain(LINK).contains("not shown");
            } finally {
                alter(admin, topic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                        AlterConfigOp.OpType.DELETE));
            }
        }
        HttpResponse<String> shown = await().atMost(Duration.ofSeconds(20))
                .until(() -> send("GET", path, tenant.secretKey(), null), r -> r.statusCode() == 200);
        assertThat(shown.body()).contains(LINK);
    }

    private static void alter(Admin admin, ConfigResource topic, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
    }

    /** Answers {@code POST /internal/v1/tokens/latest} with a live link for whichever user is asked about. */
    private static HttpServer tokenServiceStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/v1/tokens/latest", exchange -> {
                Instant now = Instant.now();
                byte[] body = ("{\"status\":\"LIVE\",\"linkId\":\"link-stand-in\",\"link\":\"" + LINK
                        + "\",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plus(Duration.ofHours(1))
                        + "\",\"requestId\":\"request-stand-in\",\"issuedEventId\":\"event-stand-in\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
