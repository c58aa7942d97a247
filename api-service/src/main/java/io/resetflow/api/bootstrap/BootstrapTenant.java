package io.resetflow.api.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.resetflow.api.apikey.ApiKeyKind;
import io.resetflow.api.apikey.ApiKeys;
import io.resetflow.api.tenant.Tenants;

/**
 * Creates the bootstrap tenant and registers its keys at start-up, idempotently, so that a production
 * installation (docker compose) can be used right away; further keys are managed with the admin API.
 */
@Component
class BootstrapTenant implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapTenant.class);
    private static final int MIN_KEY_LENGTH = 32;

    private final BootstrapProperties properties;
    private final Tenants tenants;
    private final ApiKeys keys;

    BootstrapTenant(BootstrapProperties properties, Tenants tenants, ApiKeys keys) {
        this.properties = properties;
        this.tenants = tenants;
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        if (properties.linkBaseUrl() == null || properties.linkBaseUrl().isBlank()) {
            throw new IllegalStateException("resetflow.bootstrap.link-base-url (RESETFLOW_BOOTSTRAP_LINKBASEURL) is required"
                    + " with resetflow.bootstrap.tenant-id: the public base URL of the reset pages");
        }
        tenants.createIfMissing(properties.tenantId(), properties.tenantName() == null ? properties.tenantId() : properties.tenantName(),
                properties.linkBaseUrl());
        register(ApiKeyKind.PUBLIC, properties.publicKey(), "public-key");
        register(ApiKeyKind.SECRET, properties.secretKey(), "secret-key");
        log.info("bootstrap tenant '{}' ready", properties.tenantId());
    }

    private void register(ApiKeyKind kind, String key, String name) {
        if (key == null || key.isBlank()) {
            return;
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("resetflow.bootstrap." + name + " must be at least " + MIN_KEY_LENGTH
                    + " random characters (e.g. rf_" + (kind == ApiKeyKind.SECRET ? "sec" : "pub") + "_$(openssl rand -hex 24))");
        }
        keys.registerIfMissing(properties.tenantId(), kind, key);
    }
}
