package io.resetflow.api.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secureCookies send the console session cookie only over HTTPS; true unless a profile that runs on
 *                      plain HTTP (local) switches it off
 */
@ConfigurationProperties("resetflow.console")
record ConsoleProperties(Boolean secureCookies) {

    ConsoleProperties {
        secureCookies = secureCookies == null || secureCookies;
    }
}
