package io.resetflow.api.webhooks;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where notifier-service's internal API is (partner webhook endpoints live there, with their delivery log). */
@ConfigurationProperties("resetflow.notifier-service")
record NotifierServiceProperties(URI url) {

    NotifierServiceProperties {
        url = url == null ? URI.create("http://127.0.0.1:8082") : url;
    }
}
