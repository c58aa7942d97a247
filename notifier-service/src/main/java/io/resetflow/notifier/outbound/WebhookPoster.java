package io.resetflow.notifier.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * POSTs a signed webhook body with a timeout ({@code resetflow.webhooks.timeout}, 5 s) and no redirects; answers the
 * status code and an excerpt of the response, or the transport error. Never throws for a failed call.
 */
@Component
public class WebhookPoster {

    private static final int EXCERPT = 500;

    private final HttpClient http;
    private final Duration timeout;
    private final SsrfGuard guard;

    WebhookPoster(WebhookProperties properties, SsrfGuard guard) {
        this.timeout = properties.timeout();
        this.guard = guard;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The answer of one call: {@code statusCode} null when no answer came ({@code error} then says why). */
    public record Result(Integer statusCode, String responseExcerpt, long latencyMs, String error) {

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /** 4xx other than 408 and 429: the receiver refused the call itself; retrying cannot help. */
        public boolean refused() {
            return statusCode != null && statusCode >= 400 && statusCode < 500 && statusCode != 408 && statusCode != 429;
        }

        public String describe() {
            return statusCode != null ? "HTTP " + statusCode : error;
        }
    }

    public Result post(String url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        URI uri;
        try {
            uri = guard.check(url);
        } catch (RefusedUrlException e) {
            return new Result(null, null, 0, "URL refused: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", CloudEvents.CONTENT_TYPE)
                .header("User-Agent", "resetflow-webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            return new Result(response.statusCode(), text.length() <= EXCERPT ? text : text.substring(0, EXCERPT),
                    elapsed(start), null);
        } catch (HttpTimeoutException e) {
            return new Result(null, null, elapsed(start), "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Result(null, null, elapsed(start), "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, null, elapsed(start), "interrupted");
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
