package io.resetflow.api.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.testsupport.browser.Chromium;

/** The console in a fresh headless Chromium per test: the browser's lifecycle, opening a page, signing in. */
abstract class ConsoleBrowserTestBase extends ApiServiceIntegrationTestBase {

    static final String PASSWORD = "console-test-password";

    @Autowired
    AdminAccounts admins;

    Chromium browser;

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    void open(String path) {
        browser.driver.get("http://127.0.0.1:" + port + path);
    }

    /** Signs in on the page that is open (the sign-in page) and waits for the next page. */
    void signIn(String email, String password) {
        browser.type("email", email);
        browser.type("password", password);
        browser.submit(By.id("sign-in"));
    }
}
