package io.resetflow.notifier.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code resetflow.internal.secret}: bearer secret of the internal API; when unset every internal call gets 401. */
@ConfigurationProperties("resetflow.internal")
record InternalProperties(String secret) {

    @Override
    public String toString() {
        return "InternalProperties[secret=***]";
    }
}
