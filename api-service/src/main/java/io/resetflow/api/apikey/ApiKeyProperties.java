package io.resetflow.api.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param allowLocalKeys true only in the local profile: accepts the well-known {@code *_local} fixture keys */
@ConfigurationProperties("resetflow.api-keys")
public record ApiKeyProperties(boolean allowLocalKeys) {
}
