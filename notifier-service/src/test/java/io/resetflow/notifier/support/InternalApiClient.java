package io.resetflow.notifier.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the notifier's internal API on 127.0.0.1 as api-service does: JSON, the local profile's bearer secret. */
public final class InternalApiClient {

    public static final String BEARER = "Bearer local-internal-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public InternalApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        return call(method, path, BEARER, json);
    }

    /** {@code authorization} null sends none. */
    public HttpResponse<String> call(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
