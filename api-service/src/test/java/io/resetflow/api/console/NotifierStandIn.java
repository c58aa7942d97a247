package io.resetflow.api.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for notifier-service's internal partner-webhook API (docs/contracts.md), with
 * the endpoints kept in memory per tenant: what api-service's console and proxy are tested against here. The
 * real notifier-service is exercised end to end (e2e module). It can be taken down and brought back on the same
 * port, to test what the console does when notifier-service does not answer.
 */
final class NotifierStandIn {

    static final String BEARER = "Bearer local-internal-secret";
    private static final Pattern PATH = Pattern.compile(
            "/internal/v1/tenants/([^/]+)/webhooks(?:/([^/]+)(?:/(rotate-secret|deliveries)(?:/([^/]+)/(resend))?)?)?");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static NotifierStandIn shared;

    record Endpoint(String id, String tenantId, String url, List<String> eventTypes, String secret, Instant createdAt) {
    }

    /** Endpoints by id (each remembers its tenant), their delivery logs (newest first) and the re-sends asked for. */
    final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    final Map<String, List<Map<String, Object>>> logs = new ConcurrentHashMap<>();
    final List<String> resends = new CopyOnWriteArrayList<>();
    private int port;
    private HttpServer server;

    private NotifierStandIn(int port) {
        this.port = port;
    }

    static synchronized NotifierStandIn shared() {
        if (shared == null) {
            shared = new NotifierStandIn(0);
            shared.up();
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            port = server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/", this::handle);
        server.start();
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    synchronized void down() {
        server.stop(0);
    }

    /** An endpoint of {@code tenantId} as notifier would create it (tests use it for another tenant's endpoints). */
    Endpoint add(String tenantId, String url, List<String> eventTypes) {
        Endpoint e = new Endpoint("wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), tenantId, url,
                List.copyOf(eventTypes), "whsec_" + java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString()
                        .getBytes(StandardCharsets.UTF_8)), Instant.now());
        endpoints.put(e.id(), e);
        logs.put(e.id(), new CopyOnWriteArrayList<>());
        return e;
    }

    /** One delivery attempt in the endpoint's log, as notifier's dispatcher records it. */
    void logAttempt(String endpointId, String messageId, String eventType, int statusCode, long latencyMs, String excerpt) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("messageId", messageId);
        entry.put("eventType", eventType);
        entry.put("attempt", 1);
        entry.put("status", statusCode < 300 ? "SUCCEEDED" : "FAILED");
        entry.put("statusCode", statusCode);
        entry.put("latencyMs", latencyMs);
        entry.put("responseExcerpt", excerpt);
        entry.put("at", Instant.now().toString());
        entry.put("nextAttemptAt", null);
        logs.get(endpointId).add(0, entry);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!BEARER.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, Map.of("error", "unauthorized", "message", "bearer secret required"));
                return;
            }
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches()) {
                answer(exchange, 404, null);
                return;
            }
            String tenant = m.group(1);
            String method = exchange.getRequestMethod();
            if (m.group(2) == null) {
                if ("GET".equals(method)) {
                    answer(exchange, 200, endpoints.values().stream().filter(e -> e.tenantId().equals(tenant))
                            .sorted(java.util.Comparator.comparing(Endpoint::createdAt)).map(NotifierStandIn::view).toList());
                } else {
                    create(exchange, tenant);
                }
                return;
            }
            Endpoint endpoint = endpoints.get(m.group(2));
            if (endpoint == null || !endpoint.tenantId().equals(tenant)) {
                answer(exchange, 404, null);
            } else if ("DELETE".equals(method) && m.group(3) == null) {
                endpoints.remove(endpoint.id());
                answer(exchange, 204, null);
            } else if ("rotate-secret".equals(m.group(3))) {
                Endpoint rotated = new Endpoint(endpoint.id(), tenant, endpoint.url(), endpoint.eventTypes(),
                        "whsec_" + UUID.randomUUID().toString().replace("-", ""), endpoint.createdAt());
                endpoints.put(rotated.id(), rotated);
                answer(exchange, 200, Map.of("secret", rotated.secret()));
            } else if (m.group(5) != null) {
                boolean known = logs.get(endpoint.id()).stream().anyMatch(l -> m.group(4).equals(l.get("messageId")));
                if (known) {
                    resends.add(endpoint.id() + "/" + m.group(4));
                }
                answer(exchange, known ? 202 : 404, null);
            } else {
                answer(exchange, 200, logs.get(endpoint.id()));
            }
        }
    }

    private void create(HttpExchange exchange, String tenant) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String url = body.path("url").asString("");
        if (!url.startsWith("https://")) {
            answer(exchange, 400, Map.of("error", "url_refused", "message", "Url must be an https address."));
            return;
        }
        List<String> types = new ArrayList<>();
        body.path("eventTypes").forEach(t -> types.add(t.asString()));
        Endpoint e = add(tenant, url, types);
        Map<String, Object> created = new LinkedHashMap<>(view(e));
        created.remove("enabled");
        created.put("secret", e.secret());
        answer(exchange, 201, created);
    }

    private static Map<String, Object> view(Endpoint e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("url", e.url());
        view.put("eventTypes", e.eventTypes());
        view.put("enabled", true);
        view.put("createdAt", e.createdAt().toString());
        return view;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
