package io.resetflow.api.page;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Calls token-service's internal verify/redeem API (docs/contracts.md), authenticated by the shared secret. */
@Component
class TokenServiceClient {

    /** Unknown members are ignored so token-service can add to its answer without breaking this client. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(TokenStatus status, String tenantId, String userId, String linkId, String requestId) {
        UUID userUuid() {
            return UUID.fromString(userId);
        }
    }

    private final RestClient http;

    TokenServiceClient(RestClient.Builder builder, TokenServiceProperties service, InternalApiProperties internal) {
        this.http = builder.baseUrl(service.url().toString())
                .defaultHeader("Authorization", "Bearer " + internal.secret())
                .build();
    }

    TokenAnswer verify(String token) {
        return call("/internal/v1/tokens/verify", token);
    }

    TokenAnswer redeem(String token) {
        return call("/internal/v1/tokens/redeem", token);
    }

    private TokenAnswer call(String path, String token) {
        TokenAnswer answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", token)).retrieve().body(TokenAnswer.class);
        if (answer == null || answer.status() == null) {
            throw new IllegalStateException("token-service gave no status for " + path);
        }
        return answer;
    }
}
