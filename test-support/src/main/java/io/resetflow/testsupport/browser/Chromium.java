package io.resetflow.testsupport.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, with a fresh profile each time, for the console tests of api-service
 * and the end-to-end tests. Selenium is an optional dependency of test-support: a module using this class declares
 * {@code selenium-chrome-driver} and {@code selenium-support} itself. The browser and its driver
 * are system packages ({@code chromium}, {@code chromium-driver}) that {@code .ci/run} installs; when they
 * are missing the test fails, it is never skipped.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Chromium start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("Headless Chromium is needed for the admin console tests but " + BROWSER + " or " + DRIVER
                    + " is missing. Run .ci/run (it installs the chromium and chromium-driver packages) or"
                    + " apt-get install -y chromium chromium-driver.");
        }
        try {
            Path profile = Files.createTempDirectory("resetflow-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1100, 900));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A wait for what a page shows: a minute, because some of it arrives through the log (a consumer group joining, a
     * round trip through three services) on a loaded two-core machine; a wait that succeeds returns at once.
     */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Clicks a link or submit button (or presses a key in a field) and waits until the next page has loaded. */
    public void submit(By by, CharSequence... keys) {
        WebElement element = driver.findElement(by);
        driver.executeScript("window.resetflowOldPage = true;");
        if (keys.length == 0) {
            element.click();
        } else {
            element.sendKeys(keys);
        }
        waiting().ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.resetflowOldPage === undefined && document.readyState === 'complete';")));
    }

    public void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    /** Saves the whole visible page as {@code target/screenshots/<name>.png}, a build artifact. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
