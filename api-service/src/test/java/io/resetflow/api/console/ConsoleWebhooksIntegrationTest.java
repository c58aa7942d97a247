package io.resetflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * Partner webhook endpoints on the console's settings page, in a real headless Chromium, against api-service with
 * the real PostgreSQL and Kafka and a real HTTP server standing in for notifier-service's internal API.
 */
class ConsoleWebhooksIntegrationTest extends ConsoleBrowserTestBase {

    private static final NotifierStandIn NOTIFIER = NotifierStandIn.shared();

    @DynamicPropertySource
    static void notifier(DynamicPropertyRegistry registry) {
        registry.add("resetflow.notifier-service.url", NOTIFIER::url);
    }


    @Test
    void an_admin_adds_an_endpoint_sees_its_secret_once_reads_its_delivery_log_resends_rotates_and_deletes_it() {
        TestTenant tenant = newTenant(100, 5, false);
        signInAsNewAdmin(tenant);
        open("/admin/settings");
        assertThat(browser.text("#no-webhooks")).isEqualTo("No webhook endpoints yet.");
        for (String id : List.of("webhookUrl", "eventType-ResetRequested", "eventType-PasswordChanged")) {
            assertThat(browser.driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of " + id).hasSize(1);
        }
        assertThat(browser.driver.findElement(By.id("eventType-ResetRequested")).isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.id("eventType-DeliveryOutcome")).isSelected()).isTrue();

        // Refusals are explained on the page and keep what was typed: notifier's reason, or a missing choice.
        browser.type("webhookUrl", "http://hooks.example.com/plain");
        browser.submit(By.id("add-webhook"));
        assertThat(browser.text("#webhook-error")).contains("not added").contains("https");
        assertThat(browser.driver.findElement(By.id("webhookUrl")).getAttribute("value")).isEqualTo("http://hooks.example.com/plain");
        assertThat(browser.driver.findElement(By.id("webhookUrl")).getAttribute("aria-describedby")).contains("webhook-error");
        assertThat(browser.driver.findElement(By.id("webhookUrl")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.driver.findElement(By.id("eventType-ResetRequested")).click();
        browser.driver.findElement(By.id("eventType-DeliveryOutcome")).click();
        browser.type("webhookUrl", "https://hooks.example.com/resetflow");
        browser.submit(By.id("add-webhook"));
        assertThat(browser.text("#webhook-error")).isEqualTo("Choose at least one event type.");
        assertThat(NOTIFIER.endpoints.values()).noneMatch(e -> e.tenantId().equals(tenant.id()));

        // Added from the keyboard alone: space ticks a box, Enter in the URL field submits the form.
        browser.driver.findElement(By.id("eventType-PasswordChanged")).sendKeys(Keys.SPACE);
        browser.driver.findElement(By.id("eventType-DeliveryOutcome")).sendKeys(Keys.SPACE);
        browser.submit(By.id("webhookUrl"), Keys.ENTER);
        NotifierStandIn.Endpoint stored = NOTIFIER.endpoints.values().stream().filter(e -> e.tenantId().equals(tenant.id()))
                .findFirst().orElseThrow();
        assertThat(stored.url()).isEqualTo("https://hooks.example.com/resetflow");
        assertThat(stored.eventTypes()).containsExactly("DeliveryOutcome", "PasswordChanged");
        assertThat(browser.text("#webhook-created")).contains("https://hooks.example.com/resetflow");
        assertThat(browser.driver.findElement(By.id("webhook-secret")).getAttribute("value")).isEqualTo(stored.secret()).startsWith("whsec_");
        browser.screenshot("admin-webhook-secret");

        // The list: URL, subscribed types, state; the secret is not on it.
        browser.submit(By.id("back-to-settings"));
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-endpoint-id='" + stored.id() + "']"));
        assertThat(row.getText()).contains("https://hooks.example.com/resetflow").contains("DeliveryOutcome, PasswordChanged")
                .contains("Enabled");
        assertThat(browser.driver.getPageSource()).doesNotContain(stored.secret());
        browser.screenshot("admin-settings-webhooks");

        // The delivery log: attempts with status code, latency and response excerpt; re-send per message.
        NOTIFIER.logAttempt(stored.id(), "msg_first", "DeliveryOutcome", 503, 87, "upstream unavailable");
        NOTIFIER.logAttempt(stored.id(), "msg_second", "PasswordChanged", 204, 12, "");
        browser.submit(By.id("log-" + stored.id()));
        assertThat(browser.text("#endpoint-url")).isEqualTo("https://hooks.example.com/resetflow");
        assertThat(browser.text("#deliveries")).contains("503").contains("87 ms").contains("upstream unavailable")
                .contains("204").contains("12 ms").contains("PasswordChanged");
        browser.screenshot("admin-webhook-log");
        browser.submit(By.id("resend-msg_first"));
        assertThat(browser.text("#webhook-notice")).isEqualTo(WebhookConsoleController.RESENT);
        assertThat(NOTIFIER.resends).containsExactly(stored.id() + "/msg_first");

        // Rotate: a new secret, shown once.
        open("/admin/settings");
        browser.submit(By.id("rotate-" + stored.id()));
        String rotated = browser.driver.findElement(By.id("webhook-secret")).getAttribute("value");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(stored.secret()).isEqualTo(NOTIFIER.endpoints.get(stored.id()).secret());

        // Delete.
        browser.submit(By.id("back-to-settings"));
        browser.submit(By.id("delete-" + stored.id()));
        assertThat(browser.text("#webhook-notice")).isEqualTo(WebhookConsoleController.DELETED);
        assertThat(browser.text("#no-webhooks")).isEqualTo("No webhook endpoints yet.");
        assertThat(NOTIFIER.endpoints).doesNotContainKey(stored.id());
    }

    @Test
    void an_admin_never_sees_or_acts_on_another_tenants_webhook_endpoints() {
        TestTenant mine = newTenant(100, 5, false);
        TestTenant theirs = newTenant(100, 5, false);
        NotifierStandIn.Endpoint foreign = NOTIFIER.add(theirs.id(), "https://theirs.example.com/hooks", List.of("ResetRequested"));
        NOTIFIER.logAttempt(foreign.id(), "msg_foreign", "ResetRequested", 200, 5, "their response");
        signInAsNewAdmin(mine);

        open("/admin/settings");
        assertThat(browser.driver.getPageSource()).doesNotContain("theirs.example.com").doesNotContain(foreign.id());
        open("/admin/settings/webhooks/" + foreign.id());
        assertThat(browser.text("#not-found")).contains("no such");
        assertThat(browser.driver.getPageSource()).doesNotContain("their response");

        String base = "/admin/settings/webhooks/" + foreign.id();
        assertThat(postFromThePage(base + "/rotate-secret", true)).isEqualTo(404);
        assertThat(postFromThePage(base + "/deliveries/msg_foreign/resend", true)).isEqualTo(404);
        assertThat(postFromThePage(base + "/delete", true)).isEqualTo(404);
        assertThat(NOTIFIER.endpoints.get(foreign.id())).isEqualTo(foreign);
        assertThat(NOTIFIER.resends).doesNotContain(foreign.id() + "/msg_foreign");

        // Every webhook form needs the session's CSRF token.
        NotifierStandIn.Endpoint own = NOTIFIER.add(mine.id(), "https://mine.example.com/hooks", List.of("ResetRequested"));
        assertThat(postFromThePage("/admin/settings/webhooks/" + own.id() + "/delete", false)).isEqualTo(403);
        assertThat(NOTIFIER.endpoints).containsKey(own.id());
    }

    @Test
    void the_settings_page_still_works_and_says_so_when_notifier_does_not_answer() {
        TestTenant tenant = newTenant(100, 5, false);
        NotifierStandIn.Endpoint endpoint = NOTIFIER.add(tenant.id(), "https://down.example.com/hooks", List.of("ResetRequested"));
        signInAsNewAdmin(tenant);
        NOTIFIER.down();
        try {
            open("/admin/settings");
            assertThat(browser.text("#webhooks-unavailable")).isEqualTo(WebhookViews.UNAVAILABLE);
            assertThat(browser.driver.findElement(By.id("linkBaseUrl")).getAttribute("value"))
                    .isEqualTo("https://portal.example/" + tenant.id());
            assertThat(browser.driver.findElements(By.id("no-webhooks"))).isEmpty();
            browser.screenshot("admin-settings-notifier-down");
            browser.type("reuseWindow", "12h");
            browser.submit(By.id("save-settings"));
            assertThat(browser.text("#saved")).isEqualTo("Settings saved.");
            open("/admin/settings/webhooks/" + endpoint.id());
            assertThat(browser.text("#webhooks-unavailable")).isEqualTo(WebhookViews.UNAVAILABLE);
        } finally {
            NOTIFIER.up();
        }
        open("/admin/settings");
        assertThat(browser.driver.findElements(By.id("webhooks-unavailable"))).isEmpty();
        assertThat(browser.text("#webhook-endpoints")).contains("https://down.example.com/hooks");
    }

    @Test
    void the_settings_page_and_a_delivery_log_fit_a_phone_screen_without_sideways_scrolling() {
        TestTenant tenant = newTenant(100, 5, false);
        NotifierStandIn.Endpoint endpoint = NOTIFIER.add(tenant.id(),
                "https://a-rather-long-host-name.partner.example.com/webhooks/resetflow/incoming", List.of("ResetRequested",
                        "ResetLinkIssued", "DeliveryOutcome", "ResetLinkRedeemed", "PasswordChanged"));
        NOTIFIER.logAttempt(endpoint.id(), "msg_phone", "ResetRequested", 500, 1234, "{\"error\":\"internal server error\"}");
        signInAsNewAdmin(tenant);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String page : List.of("/admin/settings", "/admin/settings/webhooks/" + endpoint.id())) {
            open(page);
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object wide = browser.driver.executeScript("return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                    + " return e.getBoundingClientRect().right > document.documentElement.clientWidth + 1; })"
                    + ".slice(0, 6).map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; }).join(' ');");
            assertThat(((Number) overflow).intValue()).as("sideways overflow of " + page + ": " + wide).isLessThanOrEqualTo(0);
        }
        browser.screenshot("admin-webhook-log-phone");
        assertThat(browser.text("#endpoint-url")).isEqualTo(endpoint.url());
    }

    private void signInAsNewAdmin(TestTenant tenant) {
        String email = "hooks-" + tenant.id() + "@example.com";
        admins.createIfMissing(tenant.id(), email, PASSWORD);
        open("/admin/login");
        signIn(email, PASSWORD);
        browser.waiting().until(ExpectedConditions.urlContains("/admin/users"));
    }

    /** A POST from the signed-in page (its cookie), with or without the page's CSRF token; answers the status. */
    private long postFromThePage(String path, boolean withCsrf) {
        Object status = browser.driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var headers = {};
                if (arguments[1]) { headers['X-CSRF-Token'] = document.querySelector('meta[name="csrf-token"]').content; }
                fetch(arguments[0], { method: 'POST', credentials: 'same-origin', headers: headers, redirect: 'manual' })
                  .then(function (r) { done(r.status); }, function () { done(-1); });""", path, withCsrf);
        return ((Number) status).longValue();
    }
}
