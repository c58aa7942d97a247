package io.resetflow.api.local;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.resetflow.api.apikey.ApiKeyKind;
import io.resetflow.api.apikey.ApiKeys;
import io.resetflow.api.console.AdminAccounts;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.tenant.Tenants;

/**
 * The demo tenant of DESIGN.md section 5, created at start-up in the {@code local} profile only,
 * so that a newcomer can curl the API and click a link right away. Idempotent across restarts.
 */
@Component
@Profile("local")
class LocalFixtures implements ApplicationRunner {

    static final String TENANT = "demo";

    private static final Logger log = LoggerFactory.getLogger(LocalFixtures.class);

    private final Tenants tenants;
    private final ApiKeys keys;
    private final Directory directory;
    private final LocalFixtureProperties properties;
    private final AdminAccounts admins;

    LocalFixtures(Tenants tenants, ApiKeys keys, Directory directory, LocalFixtureProperties properties, AdminAccounts admins) {
        this.tenants = tenants;
        this.keys = keys;
        this.directory = directory;
        this.properties = properties;
        this.admins = admins;
    }

    @Override
    public void run(ApplicationArguments args) {
        tenants.createIfMissing(TENANT, "Demo Portal", properties.linkBaseUrl());
        keys.registerIfMissing(TENANT, ApiKeyKind.PUBLIC, "rf_pub_demo_local");
        keys.registerIfMissing(TENANT, ApiKeyKind.SECRET, "rf_sec_demo_local");
        directory.defineField(TENANT, "AlternateEmail", FieldType.EMAIL);
        directory.defineField(TENANT, "MemberNumber", FieldType.TEXT);
        directory.createIfMissing(TENANT, new NewUser("alice@example.com", "+14155550101", "Alice", "Example",
                "alice-local-pass", Map.of("AlternateEmail", "alice.alt@example.com", "MemberNumber", "M-0001")));
        directory.createIfMissing(TENANT, new NewUser("bob@example.com", null, "Bob", "Example", "bob-local-pass", Map.of()));
        admins.createIfMissing(TENANT, "admin@demo.local", "demo-admin-local");
        log.info("local fixtures ready: tenant '{}' with its demo keys and users", TENANT);
    }
}
