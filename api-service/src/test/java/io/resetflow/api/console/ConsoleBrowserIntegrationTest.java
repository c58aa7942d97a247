package io.resetflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.User;

/**
 * The admin console in a real headless Chromium against api-service with the real PostgreSQL and Kafka.
 * token-service does not run here, so the console must say the link is not available right now (the flow
 * with real links is covered end to end).
 */
class ConsoleBrowserIntegrationTest extends ConsoleBrowserTestBase {

    @Autowired
    Directory directory;

    @Test
    void an_admin_signs_in_creates_a_user_sends_a_reset_sees_the_history_changes_a_setting_and_signs_out() {
        TestTenant tenant = newTenant(100, 5, false);
        String adminEmail = "admin-" + tenant.id() + "@example.com";
        admins.createIfMissing(tenant.id(), adminEmail, PASSWORD);

        open("/admin/users");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/login");
        browser.screenshot("admin-login");
        signIn(adminEmail, PASSWORD);
        browser.waiting().until(ExpectedConditions.urlContains("/admin/users"));
        assertThat(browser.text("h1")).isEqualTo("Users");

        // Create user: the first set-password link is sent in the same step (seed 003).
        browser.submit(By.id("create-user"));
        browser.type("email", "Carol.Console@Example.com");
        browser.type("firstName", "Carol");
        browser.type("lastName", "Console");
        browser.type("phone", "+1 415 555 0142");
        assertThat(browser.driver.findElement(By.id("sendLink")).isSelected()).isTrue();
        browser.submit(By.id("create"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("status-message")));
        assertThat(browser.text("#status-message")).contains("Account successfully created and reset password email sent.");
        assertThat(browser.driver.findElement(By.id("status-message")).getAttribute("role")).isEqualTo("status");
        assertThat(browser.text("#user-email")).isEqualTo("carol.console@example.com");
        // No token-service in this test: the page says so instead of failing.
        assertThat(browser.text("#link-state")).isEqualTo(UserConsoleController.LINK_UNAVAILABLE);

        // The user manager finds her by phone; her page shows the request in the delivery history (fed from Kafka).
        browser.submit(By.linkText("Users"));
        browser.type("q", "555 0142".replace(" ", ""));
        browser.submit(By.id("search"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("users")));
        browser.screenshot("admin-users");
        browser.submit(By.linkText("Carol Console"));
        browser.waiting().until(ExpectedConditions.textToBe(By.id("user-name"), "Carol Console"));
        browser.waiting().until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.cssSelector("#history tbody tr")).isEmpty();
        });
        assertThat(browser.text("#history")).contains("Reset requested (by an admin)").contains("EMAIL").contains("c***@example.com");
        assertThat(browser.text("#history")).doesNotContain("carol.console@example.com");

        // Send Password Reset (seed 002/003): the status message follows.
        browser.submit(By.id("send-reset"));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-message"), "Reset password email sent."));
        assertThat(browser.text("#status-message")).doesNotContain("Account successfully created");
        browser.screenshot("admin-user");

        // Organisation settings: a refused value is explained next to its field, a valid one is saved.
        browser.submit(By.linkText("Settings"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("setPasswordWebhookUrl")));
        assertThat(browser.driver.findElement(By.id("reuseWindow")).getAttribute("value")).isEqualTo("16h");
        browser.type("setPasswordWebhookUrl", "http://hooks.example.com/reset");
        browser.submit(By.id("save-settings"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("setPasswordWebhookUrl-error")));
        assertThat(browser.text("#setPasswordWebhookUrl-error")).contains("https");
        assertThat(browser.driver.findElement(By.id("setPasswordWebhookUrl")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("admin-settings-error");
        browser.type("setPasswordWebhookUrl", "https://hooks.example.com/reset");
        browser.type("reuseWindow", "8h");
        browser.driver.findElement(By.id("revealUnknownAccounts")).click();
        browser.submit(By.id("save-settings"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        assertThat(browser.text("#saved")).isEqualTo("Settings saved.");
        assertThat(browser.driver.findElement(By.id("setPasswordWebhookUrl")).getAttribute("value"))
                .isEqualTo("https://hooks.example.com/reset");
        assertThat(browser.driver.findElement(By.id("reuseWindow")).getAttribute("value")).isEqualTo("8h");
        browser.screenshot("admin-settings");
        var saved = tenants.find(tenant.id()).orElseThrow();
        assertThat(saved.setPasswordWebhookUrl()).isEqualTo("https://hooks.example.com/reset");
        assertThat(saved.reuseWindow()).hasHours(8);
        assertThat(saved.revealUnknownAccounts()).isTrue();

        browser.submit(By.id("sign-out"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
        open("/admin/settings");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/login");
    }

    @Test
    void a_reset_the_portal_requested_shows_a_status_message_with_when_and_which_channel() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        String adminEmail = "portal-" + tenant.id() + "@example.com";
        admins.createIfMissing(tenant.id(), adminEmail, PASSWORD);
        User dana = directory.create(tenant.id(), new NewUser("dana.portal@example.com", null, "Dana", "Portal", null, Map.of()));
        var requested = post("/v1/password-resets", "Bearer " + tenant.publicKey(), "application/json",
                "{\"EmailAddress\":\"dana.portal@example.com\"}");
        assertThat(requested.statusCode()).as(requested.body()).isBetween(200, 202);

        open("/admin/login");
        signIn(adminEmail, PASSWORD);
        browser.waiting().until(ExpectedConditions.urlContains("/admin/users"));
        open("/admin/users/" + dana.id());
        browser.waiting().until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.id("status-message")).isEmpty();
        });
        assertThat(browser.text("#status-message")).startsWith(UserConsoleController.SENT)
                .contains("Requested by the portal, by email to d***@example.com").contains("UTC; shown for 16h");
        assertThat(browser.driver.getPageSource()).doesNotContain("Account successfully created");
        browser.screenshot("admin-user-portal-reset");

        // An admin's own later action takes its place.
        browser.submit(By.id("generate-link"));
        assertThat(browser.text("#status-message")).doesNotContain("by the portal");
    }

    @Test
    void five_wrong_passwords_lock_sign_in_with_the_same_message_for_an_unknown_email() {
        TestTenant tenant = newTenant(100, 5, false);
        String adminEmail = "locked-" + tenant.id() + "@example.com";
        admins.createIfMissing(tenant.id(), adminEmail, PASSWORD);
        open("/admin/login");
        for (int attempt = 1; attempt <= 4; attempt++) {
            signIn(adminEmail, "wrong-password-" + attempt);
            assertThat(browser.text("#login-error")).isEqualTo(SignInController.REFUSED);
        }
        signIn(adminEmail, "wrong-password-5");
        assertThat(browser.text("#login-error")).isEqualTo(SignInController.LOCKED);
        signIn(adminEmail, PASSWORD);
        assertThat(browser.text("#login-error")).as("the right password does not open a locked account").isEqualTo(SignInController.LOCKED);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/login");

        String nobody = "nobody-" + tenant.id() + "@example.com";
        for (int attempt = 1; attempt <= 4; attempt++) {
            signIn(nobody, "wrong-password-" + attempt);
            assertThat(browser.text("#login-error")).isEqualTo(SignInController.REFUSED);
        }
        signIn(nobody, "wrong-password-5");
        assertThat(browser.text("#login-error")).as("an unknown email locks exactly like a real admin").isEqualTo(SignInController.LOCKED);
        assertThat(browser.driver.findElement(By.id("login-error")).getAttribute("role")).isEqualTo("alert");
    }

    @Test
    void an_admin_never_sees_another_tenants_users_or_settings() {
        TestTenant mine = newTenant(100, 5, false);
        TestTenant theirs = newTenant(100, 5, false);
        String adminEmail = "iso-" + mine.id() + "@example.com";
        admins.createIfMissing(mine.id(), adminEmail, PASSWORD);
        User stranger = directory.create(theirs.id(), new NewUser("stranger-" + theirs.id() + "@example.com", null, "Stranger",
                "Elsewhere", null, Map.of()));

        open("/admin/login");
        signIn(adminEmail, PASSWORD);
        browser.waiting().until(ExpectedConditions.urlContains("/admin/users"));
        browser.type("q", "stranger");
        browser.submit(By.id("search"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-users")));

        open("/admin/users/" + stranger.id());
        assertThat(browser.text("#not-found")).contains("no such user");
        assertThat(browser.driver.getPageSource()).doesNotContain(stranger.email());
        open("/admin/users/" + UUID.randomUUID());
        assertThat(browser.text("#not-found")).contains("no such user");

        open("/admin/settings");
        assertThat(browser.driver.findElement(By.id("linkBaseUrl")).getAttribute("value")).isEqualTo("https://portal.example/" + mine.id());
    }
}
