package io.resetflow.api.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first tenant of a fresh installation, from the environment (like Keycloak's bootstrap admin):
 * {@code RESETFLOW_BOOTSTRAP_TENANTID}, {@code ..._LINKBASEURL}, {@code ..._PUBLICKEY}, {@code ..._SECRETKEY}.
 * Nothing happens when the tenant id is not set.
 */
@ConfigurationProperties("resetflow.bootstrap")
record BootstrapProperties(String tenantId, String tenantName, String linkBaseUrl, String publicKey, String secretKey) {

    boolean enabled() {
        return tenantId != null && !tenantId.isBlank();
    }
}
