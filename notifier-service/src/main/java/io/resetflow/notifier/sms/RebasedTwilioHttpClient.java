package io.resetflow.notifier.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Twilio's client has no base-URL setting: this HttpClient sends its requests with the JDK client to
 * {@code resetflow.sms.twilio-base-url} instead of {@code https://api.twilio.com} (same path, form body, Basic auth).
 */
class RebasedTwilioHttpClient extends HttpClient {

    static final String TWILIO_API = "https://api.twilio.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();

    RebasedTwilioHttpClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String rebase(String url) {
        return url.startsWith(TWILIO_API) ? baseUrl + url.substring(TWILIO_API.length()) : url;
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(rebase(request.constructURL().toString())))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "resetflow-notifier twilio-java");
        if (request.requiresAuthentication()) {
            String auth = request.getAuthString();
            builder.header("Authorization", auth.startsWith("Basic ") ? auth : "Basic " + auth);
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.method(method.name(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody(),
                    StandardCharsets.UTF_8));
        } else {
            builder.method(method.name(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted", e);
        }
    }
}
