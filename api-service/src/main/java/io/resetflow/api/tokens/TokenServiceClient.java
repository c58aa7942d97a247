package io.resetflow.api.tokens;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Calls token-service's internal API (docs/contracts.md), authenticated by the shared secret. The only
 * way api-service learns about tokens: it never reads token-service's tables.
 */
@Component
public class TokenServiceClient {

    /** A token's state; unknown members are ignored so token-service can add to its answers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenAnswer(TokenStatus status, String tenantId, String userId, String linkId, String requestId) {
        public UUID userUuid() {
            return UUID.fromString(userId);
        }
    }

    /** token-service's decision on one request, with the link when one was issued or re-sent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decision(String status, String userId, String linkId, String link, String token, Instant issuedAt,
            Instant expiresAt) {
        public boolean hasLink() {
            return "ISSUED".equals(status) || "REUSED".equals(status);
        }
    }

    /** The newest live link of a user, if any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LatestLink(String status, String linkId, String link, Instant issuedAt, Instant expiresAt,
            String requestId, String issuedEventId) {
        public boolean live() {
            return "LIVE".equals(status);
        }
    }

    private final RestClient http;

    TokenServiceClient(RestClient.Builder builder, TokenServiceProperties service, InternalApiProperties internal) {
        this.http = builder.baseUrl(service.url().toString())
                .defaultHeader("Authorization", "Bearer " + internal.secret())
                .build();
    }

    /** Never consumes the token: opening a link is not using it. */
    public TokenAnswer verify(String token) {
        return call("/internal/v1/tokens/verify", Map.of("token", token), TokenAnswer.class);
    }

    /** Single use, atomically: of two concurrent redeems exactly one gets REDEEMED. */
    public TokenAnswer redeem(String token, String via) {
        return call("/internal/v1/tokens/redeem", Map.of("token", token, "via", via), TokenAnswer.class);
    }

    /** Waits (up to a few seconds) for the decision on a request this service published. */
    public Decision decisionFor(String tenantId, UUID requestId) {
        return call("/internal/v1/tokens/for-request", Map.of("tenantId", tenantId, "requestId", requestId.toString()),
                Decision.class);
    }

    public LatestLink latest(String tenantId, UUID userId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tenantId", tenantId);
        body.put("userId", userId.toString());
        return call("/internal/v1/tokens/latest", body, LatestLink.class);
    }

    private <T> T call(String path, Map<String, String> body, Class<T> type) {
        T answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(type);
        if (answer == null) {
            throw new IllegalStateException("token-service gave no answer for " + path);
        }
        return answer;
    }
}
