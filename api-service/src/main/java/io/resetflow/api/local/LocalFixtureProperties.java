package io.resetflow.api.local;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param linkBaseUrl where the demo tenant's links point: this api-service as the local run exposes it */
@ConfigurationProperties("resetflow.local")
record LocalFixtureProperties(String linkBaseUrl) {

    LocalFixtureProperties {
        linkBaseUrl = linkBaseUrl == null || linkBaseUrl.isBlank() ? "http://127.0.0.1:8080" : linkBaseUrl;
    }
}
