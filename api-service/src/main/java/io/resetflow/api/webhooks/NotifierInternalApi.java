package io.resetflow.api.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import io.resetflow.api.http.ApiException;
import io.resetflow.api.tokens.InternalApiProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notifier-service's internal API as the admin proxies (webhooks, email templates) call it: the bearer secret, the
 * answer passed through in PascalCase, notifier's 4xx turned into ours with its message, and notifier unreachable
 * into a 503.
 */
@Component
public class NotifierInternalApi {

    private final RestClient client;
    private final JsonMapper json;

    NotifierInternalApi(RestClient.Builder builder, NotifierServiceProperties service, InternalApiProperties internal,
            JsonMapper json) {
        this.client = builder.baseUrl(service.url().toString())
                .defaultHeader("Authorization", "Bearer " + internal.secret()).build();
        this.json = json;
    }

    /** Calls notifier (a null body answers {@code {"Status": "Success"}}) and answers with {@code status}. */
    public ResponseEntity<Object> forward(HttpStatus status, Function<RestClient, JsonNode> call, String refused) {
        return forward(status, () -> call.apply(client), refused);
    }

    private ResponseEntity<Object> forward(HttpStatus status, Supplier<JsonNode> call, String refused) {
        try {
            JsonNode body = call.get();
            return ResponseEntity.status(status).body(body == null ? Map.of("Status", "Success") : pascal(body));
        } catch (RestClientResponseException e) {
            HttpStatusCode code = e.getStatusCode();
            if (code.is4xxClientError()) {
                String message = refused;
                try {
                    message = json.readTree(e.getResponseBodyAsString()).path("message").asString(refused);
                } catch (RuntimeException notJson) {
                    // keep the generic message
                }
                throw new ApiException(code.value() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, message);
            }
            throw e;
        } catch (ResourceAccessException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The notifier service is unavailable; try again later.");
        }
    }

    /** lowerCamelCase keys become PascalCase, recursively; values as they are. */
    public static Object pascal(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1),
                    pascal(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(pascal(n)));
            return out;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }
}
