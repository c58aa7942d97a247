package io.resetflow.api.apikey;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.http.ApiException;
import io.resetflow.api.http.ApiResponse;

/**
 * {@code /v1/admin/api-keys} (secret key): create, list and revoke a tenant's keys. Several keys of a
 * kind may be active at once, so a portal rotates by creating the new key, deploying it, then revoking
 * the old one. A key is shown once, when created.
 */
@RestController
class ApiKeyAdminController {

    private final ApiKeys keys;

    ApiKeyAdminController(ApiKeys keys) {
        this.keys = keys;
    }

    record CreateKey(@JsonProperty("Kind") String kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(@JsonProperty("Id") UUID id, @JsonProperty("Kind") ApiKeyKind kind, @JsonProperty("Key") String key,
            @JsonProperty("Prefix") String prefix, @JsonProperty("CreatedAt") OffsetDateTime createdAt,
            @JsonProperty("LastUsedAt") OffsetDateTime lastUsedAt, @JsonProperty("RevokedAt") OffsetDateTime revokedAt) {
    }

    @SecretKeyRequired
    @PostMapping(path = "/v1/admin/api-keys", consumes = "application/json", produces = "application/json")
    ResponseEntity<KeyView> create(Caller caller, @RequestBody(required = false) CreateKey body) {
        ApiKeyKind kind = kind(body == null ? null : body.kind());
        ApiKeys.IssuedKey issued = keys.create(caller.tenantId(), kind);
        return ResponseEntity.created(URI.create("/v1/admin/api-keys/" + issued.id()))
                .body(new KeyView(issued.id(), issued.kind(), issued.key(), null, null, null, null));
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/api-keys", produces = "application/json")
    List<KeyView> list(Caller caller) {
        return keys.list(caller.tenantId()).stream()
                .map(k -> new KeyView(k.id(), k.kind(), null, k.prefix(), k.createdAt(), k.lastUsedAt(), k.revokedAt()))
                .toList();
    }

    @SecretKeyRequired
    @DeleteMapping(path = "/v1/admin/api-keys/{id}", produces = "application/json")
    ApiResponse revoke(Caller caller, @PathVariable String id) {
        UUID keyId = parse(id);
        if (!keys.revoke(caller.tenantId(), keyId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "This tenant has no API key with Id " + id + ".");
        }
        return ApiResponse.success("API key revoked.").withId(keyId.toString());
    }

    private static ApiKeyKind kind(String value) {
        if (value == null) {
            throw ApiException.badRequest("Kind is required: PUBLIC (may only request resets) or SECRET.");
        }
        try {
            return ApiKeyKind.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Kind must be PUBLIC or SECRET, not '" + value + "'.");
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Id must be a UUID as returned when the key was created.");
        }
    }
}
