package io.resetflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resetflow.launcher.LocalStack;
import io.resetflow.testsupport.CapturedMessage;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import io.resetflow.testsupport.browser.Chromium;

/**
 * The whole stack as ./run-local starts it (real PostgreSQL, Kafka, SMTP capture and the three service jars as
 * child JVMs, on free ports), driven as a portal backend and a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetFlowEndToEndIntegrationTest {
    private static final String PUBLIC_KEY = "rf_pub_demo_local";
    private static final String SECRET_KEY = "rf_sec_demo_local";
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_OLD_PASSWORD = "alice-local-pass";
    private static final Pattern RESET_LINK = Pattern.compile("(https?://[^\\s\"'<>]+)/reset/([A-Za-z0-9_-]+)");
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    /** Every password a test set, so the last test can prove none of them reached a log or the event log. */
    private static final List<String> PASSWORDS_USED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startStack() {
        Path repo = Path.of(System.getProperty("resetflow.repo", "..")).toAbsolutePath().normalize();
        Path state = Path.of(System.getProperty("resetflow.e2e.state", "target/e2e-run")).toAbsolutePath();
        // three Spring Boot JVMs starting at once on a small CI machine can take minutes
        stack = LocalStack.start(LocalStack.Config.freePorts(repo, state).withEchoLogs(true)
                .withHealthTimeout(Duration.ofMinutes(8)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aUserResetsTheirPasswordThroughTheEmailedLink() throws Exception {
        // the portal asks for a reset
        HttpResponse<String> requested = requestReset("{\"EmailAddress\":\"" + ALICE + "\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(requested.body());
        assertThat(answer.path("Status").asText()).isEqualTo("Success");
        assertThat(answer.path("Message").asText()).isEqualTo("Reset link sent successfully");

        // the user reads the mail (IMAP, user = recipient address, any password)
        String link = Awaitility.await("the reset mail to " + ALICE)
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> resetLinkInMailbox(ALICE), Optional::isPresent).orElseThrow();
        assertThat(link).startsWith(stack.apiUrl() + "/reset/");
        URI linkUri = URI.create(link);

        // opening the link never consumes it: a mail scanner may have fetched it first
        HttpResponse<String> firstOpen = get(linkUri);
        HttpResponse<String> secondOpen = get(linkUri);
        for (HttpResponse<String> page : List.of(firstOpen, secondOpen)) {
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"password\"").contains("name=\"confirmPassword\"");
        }

        // the user submits the form with every field it carries
        String newPassword = "correct horse battery " + UUID.randomUUID().toString().substring(0, 8);
        PASSWORDS_USED.add(newPassword);
        HttpResponse<String> submitted = submitForm(linkUri, secondOpen.body(), Map.of(
                "password", newPassword, "confirmPassword", newPassword));
        assertThat(submitted.statusCode()).as(submitted.body()).isBetween(200, 299);
        assertThat(submitted.body()).doesNotContain("name=\"confirmPassword\"");

        // the new password works, the old one no longer does
        Awaitility.await("login with the new password").atMost(Duration.ofSeconds(20))
                .until(() -> login(ALICE, newPassword).statusCode() == 200);
        HttpResponse<String> oldLogin = login(ALICE, ALICE_OLD_PASSWORD);
        assertThat(oldLogin.statusCode()).as(oldLogin.body()).isEqualTo(401);

        // the link now says it was used, and shows no form
        HttpResponse<String> reopened = get(linkUri);
        assertThat(reopened.body()).containsIgnoringCase("already used").doesNotContain("name=\"password\"");

        // ...but offers a new link, sent to the account's owner (seed 003), which is a different one
        int mailsBefore = mailTo(ALICE).size();
        HttpResponse<String> renewed = http.send(HttpRequest.newBuilder(URI.create(link + "/renew"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(renewed.body()).contains("A new link is on its way").doesNotContain(ALICE);
        Awaitility.await("the renewed link to " + ALICE).atMost(Duration.ofSeconds(60))
                .until(() -> mailTo(ALICE).size() > mailsBefore);
        String newLink = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> resetLinkInMailbox(ALICE), l -> l.isPresent() && !l.get().equals(link)).orElseThrow();
        assertThat(get(URI.create(newLink)).body()).contains("name=\"password\"");
    }

    @Test
    @Order(2)
    void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> unknown = requestReset("{\"EmailAddress\":\"" + stranger + "\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(unknown.body());
        assertThat(answer.path("Status").asText()).isEqualTo("Success");
        assertThat(answer.path("Message").asText()).isEqualTo("Reset link sent successfully");

        // a known user asked right after still gets a mail, so the pipeline is running...
        HttpResponse<String> known = requestReset("{\"EmailAddress\":\"bob@example.com\"}");
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        JsonNode knownAnswer = JSON.readTree(known.body());
        // the same answer: same members, same Status and Message (only a per-request id may differ)
        assertThat(fieldNames(knownAnswer)).isEqualTo(fieldNames(answer));
        assertThat(knownAnswer.path("Status")).isEqualTo(answer.path("Status"));
        assertThat(knownAnswer.path("Message")).isEqualTo(answer.path("Message"));
        Awaitility.await("the reset mail to bob@example.com").atMost(Duration.ofSeconds(60))
                .until(() -> mailTo("bob@example.com").size() >= 1);
        // ...and nothing ever goes to the unknown address
        Awaitility.await("no mail to " + stranger).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailTo(stranger).isEmpty());
    }

    @Test
    @Order(3)
    void aPortalWithASecretKeyGetsTheTemporaryPasswordAndConfirmsTheReset() throws Exception {
        String dana = "dana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> created = api("POST", "/v1/admin/users", SECRET_KEY,
                "{\"EmailAddress\":\"" + dana + "\",\"FirstName\":\"Dana\",\"SendSetPasswordLink\":false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String danaId = JSON.readTree(created.body()).path("Id").asText();

        // seed 001: with a secret key the answer carries LeadId and TemporaryPassword; Deliver:false sends nothing
        HttpResponse<String> requested = api("POST", "/v1/password-resets", SECRET_KEY,
                "{\"EmailAddress\":\"" + dana + "\",\"Deliver\":false}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(requested.body());
        assertThat(answer.path("LeadId").asText()).isEqualTo(danaId);
        String temporary = answer.path("TemporaryPassword").asText();
        assertThat(temporary).matches("[A-Za-z0-9_-]{43}");

        HttpResponse<String> weak = confirm(danaId, temporary, "password123");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("too common");
        String newPassword = "violet meadow " + UUID.randomUUID().toString().substring(0, 8);
        PASSWORDS_USED.add(newPassword);
        HttpResponse<String> confirmed = confirm(danaId, temporary, newPassword);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(login(dana, newPassword).statusCode()).isEqualTo(200);
        HttpResponse<String> again = confirm(danaId, temporary, newPassword + "!");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already used");
        // Deliver:false: no link was mailed; the only mail is the notice that the password changed
        Awaitility.await("the password-changed notice to " + dana).atMost(Duration.ofSeconds(60))
                .until(() -> mailTo(dana).stream().anyMatch(m -> m.subject().contains("password was changed")));
        assertThat(mailTo(dana)).noneMatch(m -> RESET_LINK.matcher(m.body()).find());
    }

    @Test
    @Order(4)
    void supportStaffCreateAUserCopyTheLinkAndResendTheSameOneWithinTheReuseWindow() throws Exception {
        String erin = "erin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> created = api("POST", "/v1/admin/users", SECRET_KEY,
                "{\"EmailAddress\":\"" + erin + "\",\"FirstName\":\"Erin\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body());
        assertThat(answer.path("Message").asText()).isEqualTo("Account successfully created and reset password email sent.");
        String erinId = answer.path("Id").asText();
        String link = answer.path("Link").asText();
        assertThat(link).startsWith(stack.apiUrl() + "/reset/");

        // the email carries the same link the admin sees
        String mailed = Awaitility.await("the set-password mail to " + erin).atMost(Duration.ofSeconds(60))
                .until(() -> resetLinkInMailbox(erin), Optional::isPresent).orElseThrow();
        assertThat(mailed).isEqualTo(link);
        // seed 002/000: the latest unclaimed link can be copied
        HttpResponse<String> latest = api("GET", "/v1/admin/users/" + erinId + "/reset-link", SECRET_KEY, null);
        assertThat(JSON.readTree(latest.body()).path("Link").asText()).isEqualTo(link);
        // a link handed to someone other than its owner is a credential handed out: the log says who had it
        io.resetflow.schemas.avro.ResetLinkRevealed reveal = revealOf(erinId);
        assertThat(reveal.getAction()).isEqualTo("API_READ");
        assertThat(reveal.getActorType()).isEqualTo("API_KEY");
        assertThat(reveal.getCorrelationId()).isEqualTo(answer.path("RequestId").asText());
        assertThat(reveal.toString()).doesNotContain(link.substring(link.lastIndexOf('/') + 1)).doesNotContain(SECRET_KEY);

        // seed 003: within the reuse window "Send Password Reset" sends the same link again
        HttpResponse<String> resent = api("POST", "/v1/admin/users/" + erinId + "/password-resets", SECRET_KEY, "{\"Send\":true}");
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        JsonNode resentAnswer = JSON.readTree(resent.body());
        assertThat(resentAnswer.path("Message").asText()).isEqualTo("Reset password email sent.");
        assertThat(resentAnswer.path("Link").asText()).isEqualTo(link);
        Awaitility.await("the second mail to " + erin).atMost(Duration.ofSeconds(60)).until(() -> mailTo(erin).size() == 2);

        // the request's timeline shows every step, and the delivery went out
        String requestId = resentAnswer.path("RequestId").asText();
        JsonNode timeline = Awaitility.await("the timeline of " + requestId).atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(api("GET", "/v1/password-resets/" + requestId, SECRET_KEY, null).body()),
                t -> t.path("State").asText().equals("DELIVERED"));
        List<String> types = new ArrayList<>();
        timeline.path("Events").forEach(e -> types.add(e.path("Type").asText()));
        assertThat(types).contains("ResetRequested", "ResetLinkIssued", "DeliveryOutcome");

        // once used, there is no unclaimed link any more
        HttpResponse<String> form = get(URI.create(link));
        String newPassword = "amber lantern " + UUID.randomUUID().toString().substring(0, 8);
        PASSWORDS_USED.add(newPassword);
        HttpResponse<String> done = submitForm(URI.create(link), form.body(), Map.of("password", newPassword, "confirmPassword", newPassword));
        assertThat(done.body()).contains("Your password was changed");
        HttpResponse<String> none = api("GET", "/v1/admin/users/" + erinId + "/reset-link", SECRET_KEY, null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("This user does not have a password reset token.");
        // and the user is told by email that the password changed
        Awaitility.await("the password-changed notice to " + erin).atMost(Duration.ofSeconds(60))
                .until(() -> mailTo(erin).stream().anyMatch(m -> m.subject().contains("password was changed")));
    }

    @Test
    @Order(5)
    void aUserGetsTheLinkBySmsWhenThePortalNamesThePhoneAsRecipient() throws Exception {
        HttpResponse<String> requested = requestReset(
                "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+1 415 555 0101\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        // the dev inbox implements Twilio's create-message route; the notifier's real twilio-java client sent it there
        JsonNode sms = Awaitility.await("an SMS to alice's phone").atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode all = JSON.readTree(get(URI.create(stack.devInboxUrl() + "/api/messages")).body());
            for (JsonNode m : all) {
                if ("sms".equals(m.path("channel").asText()) && m.path("to").asText().equals("+14155550101")
                        && RESET_LINK.matcher(m.path("body").asText()).find()) {
                    return m;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        Matcher link = RESET_LINK.matcher(sms.path("body").asText());
        assertThat(link.find()).isTrue();
        HttpResponse<String> page = get(URI.create(link.group()));
        assertThat(page.body()).contains("name=\"password\"");
    }

    @Test
    @Order(6)
    void aPartnerReceivesSignedWebhooksForTheEventsItSubscribedTo() throws Exception {
        List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[]{exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            HttpResponse<String> created = api("POST", "/v1/admin/webhooks", SECRET_KEY,
                    "{\"Url\":\"" + url + "\",\"EventTypes\":[\"ResetRequested\",\"DeliveryOutcome\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String secret = JSON.readTree(created.body()).path("Secret").asText();
            assertThat(secret).startsWith("whsec_");
            String webhookId = JSON.readTree(created.body()).path("Id").asText();

            assertThat(requestReset("{\"EmailAddress\":\"bob@example.com\"}").statusCode()).isEqualTo(200);
            Awaitility.await("webhooks for ResetRequested and DeliveryOutcome").atMost(Duration.ofSeconds(60))
                    .until(() -> received.stream().anyMatch(r -> r[3].contains("io.resetflow.reset.requested"))
                            && received.stream().anyMatch(r -> r[3].contains("io.resetflow.delivery.outcome")));
            for (String[] call : received) {
                assertThat(call[2]).as("webhook-signature").contains("v1," + standardWebhookSignature(secret, call[0], call[1], call[3]));
                assertThat(call[3]).contains("\"specversion\"").doesNotContain("bob@example.com").doesNotContain("/reset/");
            }
            HttpResponse<String> log = api("GET", "/v1/admin/webhooks/" + webhookId + "/deliveries", SECRET_KEY, null);
            assertThat(log.statusCode()).isEqualTo(200);
            assertThat(log.body()).contains("204");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Seeds 002/003 in the admin console, in a real headless Chromium against the whole stack: create a user, see the
     * status message and the link, copy it, open it, set a password, see the history; add a partner webhook endpoint
     * and see its delivery log fill. Screenshots of the main pages go to target/screenshots.
     */
    @Test
    @Order(7)
    void supportStaffCreateAUserAndAWebhookEndpointInTheConsoleInARealBrowser() throws Exception {
        List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/console-hooks", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (Chromium browser = Chromium.start()) {
            browser.driver.get(stack.apiUrl() + "/admin/users");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/login");
            browser.screenshot("e2e-console-login");
            browser.type("email", "admin@demo.local");
            browser.type("password", "demo-admin-local");
            browser.submit(By.id("sign-in"));
            assertThat(browser.text("h1")).isEqualTo("Users");

            // Create user: the first set-password link goes out in the same step (seed 003).
            String frank = "frank-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            browser.submit(By.id("create-user"));
            browser.type("email", frank);
            browser.type("firstName", "Frank");
            browser.type("lastName", "Console");
            browser.submit(By.id("create"));
            assertThat(browser.text("#status-message")).contains("Account successfully created and reset password email sent.");
            String userPage = browser.driver.getCurrentUrl();
            assertThat(userPage).contains("/admin/users/");
            // the link is there as soon as token-service has issued it
            browser.waiting().until(driver -> {
                if (driver.findElements(By.id("reset-link")).isEmpty()) {
                    driver.navigate().refresh();
                    return false;
                }
                return true;
            });
            String link = browser.driver.findElement(By.id("reset-link")).getAttribute("value");
            assertThat(link).startsWith(stack.apiUrl() + "/reset/");
            String mailed = Awaitility.await("the set-password mail to " + frank).atMost(Duration.ofSeconds(60))
                    .until(() -> resetLinkInMailbox(frank), Optional::isPresent).orElseThrow();
            assertThat(link).as("the console shows the link that was mailed").isEqualTo(mailed);
            browser.screenshot("e2e-console-user-created");

            // Copy Link: the browser copies (or selects) it and says so.
            browser.driver.findElement(By.id("copy-link")).click();
            browser.waiting().until(d -> !browser.text("#copy-status").isEmpty());
            assertThat(browser.text("#copy-status")).containsAnyOf("copied", "selected");
            // showing and copying the link are both on the event log, naming the admin, before anyone used it
            String frankId = userPage.replaceAll(".*/admin/users/([^/?#]+).*", "$1");
            List<io.resetflow.schemas.avro.ResetLinkRevealed> reveals = revealsOf(frankId,
                    seen -> seen.stream().anyMatch(r -> r.getAction().equals("COPIED")));
            assertThat(reveals).extracting(io.resetflow.schemas.avro.ResetLinkRevealed::getAction).contains("SHOWN", "COPIED");
            assertThat(reveals).allSatisfy(r -> {
                assertThat(r.getActorType()).isEqualTo("ADMIN");
                assertThat(r.getMaskedActor()).isEqualTo("a***@demo.local");
            });

            // The user opens the link and sets a new password on the reset page.
            browser.driver.get(link);
            String newPassword = "console harbour " + UUID.randomUUID().toString().substring(0, 8);
            PASSWORDS_USED.add(newPassword);
            browser.type("password", newPassword);
            browser.type("confirmPassword", newPassword);
            browser.screenshot("e2e-reset-page");
            browser.submit(By.cssSelector("form button[type=submit]"));
            assertThat(browser.text("h1")).isEqualTo("Your password was changed");
            assertThat(login(frank, newPassword).statusCode()).isEqualTo(200);

            // Back on the user's page: the history shows the link used and the password changed; no link is left.
            browser.driver.get(userPage);
            browser.waiting().until(driver -> {
                driver.navigate().refresh();
                String history = driver.findElements(By.id("history")).isEmpty() ? "" : driver.findElement(By.id("history")).getText();
                return history.contains("redeemed") && history.contains("Password changed");
            });
            assertThat(browser.text("#history")).contains("Reset requested (by an admin)").contains("EMAIL").doesNotContain(frank);
            assertThat(browser.text("#link-state")).isEqualTo("This user does not have a password reset token.");
            browser.screenshot("e2e-console-user-history");

            // A partner webhook endpoint added on the settings page; its secret is shown once.
            String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/console-hooks";
            browser.submit(By.linkText("Settings"));
            browser.type("webhookUrl", hookUrl);
            assertThat(browser.driver.findElement(By.id("eventType-ResetRequested")).isSelected()).isTrue();
            browser.submit(By.id("add-webhook"));
            assertThat(browser.driver.findElement(By.id("webhook-secret")).getAttribute("value")).startsWith("whsec_");
            browser.submit(By.id("back-to-settings"));
            WebElement row = browser.driver.findElement(By.xpath("//table[@id='webhook-endpoints']//tr[td[normalize-space()='"
                    + hookUrl + "']]"));
            assertThat(row.getText()).contains("ResetRequested").contains("Enabled");
            String endpointId = row.getAttribute("data-endpoint-id");
            browser.screenshot("e2e-console-settings");

            // A reset for the user is an event the endpoint subscribed to: its delivery log shows the delivery.
            browser.driver.get(userPage);
            browser.submit(By.id("send-reset"));
            assertThat(browser.text("#status-message")).contains("Reset password email sent.");
            browser.driver.get(stack.apiUrl() + "/admin/settings/webhooks/" + endpointId);
            // The endpoint also takes the reset's later events (link issued, delivery outcome); they come from other
            // topics, so the log may show one of them before the ResetRequested.
            browser.waiting().until(driver -> {
                driver.navigate().refresh();
                return driver.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                        .anyMatch(tr -> tr.getText().contains("ResetRequested"));
            });
            WebElement delivered = browser.driver.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                    .filter(tr -> tr.getText().contains("ResetRequested")).findFirst().orElseThrow();
            assertThat(delivered.getText()).contains("204").contains("succeeded");
            assertThat(hooks).anyMatch(h -> h.contains("io.resetflow.reset.requested"));
            browser.screenshot("e2e-console-webhook-log");
        } finally {
            receiver.stop(0);
        }
    }

    /** The auditor's tool, over the log this whole run wrote: every invariant and every chain holds. */
    @Test
    @Order(99)
    void theAuditorsVerifyFindsNoViolationInTheRealLog() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Awaitility.await("resetflow-audit verify exits 0").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    out.getBuffer().setLength(0);
                    err.getBuffer().setLength(0);
                    picocli.CommandLine cli = io.resetflow.audit.AuditCli.commandLine();
                    cli.setOut(new java.io.PrintWriter(out, true));
                    cli.setErr(new java.io.PrintWriter(err, true));
                    return cli.execute("verify", "--bootstrap-server", stack.kafkaBootstrapServers()) == 0;
                });
        java.io.StringWriter replay = new java.io.StringWriter();
        picocli.CommandLine cli = io.resetflow.audit.AuditCli.commandLine();
        cli.setOut(new java.io.PrintWriter(replay, true));
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertThat(cli.execute("replay", "--bootstrap-server", stack.kafkaBootstrapServers(), "--tenant", "demo")).isZero();
        assertThat(replay.toString()).contains("ResetRequested").contains("ResetLinkIssued").contains("DeliveryOutcome")
                .contains("ResetLinkRevealed").contains("action=API_READ")
                .doesNotContain("alice@example.com");
    }

    /** The first ResetLinkRevealed of a user on the event log. */
    private io.resetflow.schemas.avro.ResetLinkRevealed revealOf(String userId) {
        return revealsOf(userId, seen -> !seen.isEmpty()).get(0);
    }

    /** A user's ResetLinkRevealed events on the event log, once {@code enough} accepts them. */
    private List<io.resetflow.schemas.avro.ResetLinkRevealed> revealsOf(String userId,
            java.util.function.Predicate<List<io.resetflow.schemas.avro.ResetLinkRevealed>> enough) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reveals-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        io.resetflow.schemas.serde.AvroEventDeserializer avro = new io.resetflow.schemas.serde.AvroEventDeserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(io.resetflow.schemas.Topics.LINK_REVEALED));
            List<io.resetflow.schemas.avro.ResetLinkRevealed> seen = new ArrayList<>();
            return Awaitility.await("a ResetLinkRevealed for user " + userId).atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    seen.add((io.resetflow.schemas.avro.ResetLinkRevealed) avro.deserialize(r.topic(), r.value()));
                }
                return seen.stream().filter(e -> e.getUserId().equals(userId)).toList();
            }, enough);
        }
    }

    /** Standard Webhooks: base64(HMAC-SHA256(base64-decoded secret after whsec_, "id.timestamp.body")). */
    private static String standardWebhookSignature(String secret, String id, String timestamp, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs last: everything the other tests did is now in the event log and the service logs. */
    @Test
    @Order(100)
    void noTokenPasswordOrAddressEverReachesTheEventLogOrTheServiceLogs() throws Exception {
        List<String> secrets = new ArrayList<>(PASSWORDS_USED);
        secrets.add(ALICE_OLD_PASSWORD);
        for (CapturedMessage message : stack.mail().messages()) {
            secrets.add(message.to());
            Matcher link = RESET_LINK.matcher(message.body());
            while (link.find()) {
                secrets.add(link.group(2));
            }
        }
        assertThat(secrets).as("the other tests left tokens and addresses to look for").hasSizeGreaterThan(5);

        List<String> leaks = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, infos) ->
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            // up to each partition's end by position, not a count of records: an offset may hold none (compaction,
            // transaction markers), and a count would then never be reached
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime() - deadline).as("the whole event log read within a minute").isNegative();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    StringBuilder raw = new StringBuilder();
                    raw.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1));
                    raw.append(r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1));
                    for (Header h : r.headers()) {
                        raw.append(new String(h.value(), StandardCharsets.ISO_8859_1));
                    }
                    for (String secret : secrets) {
                        if (raw.indexOf(secret) >= 0) {
                            leaks.add(r.topic() + "@" + r.offset() + " contains a secret");
                        }
                    }
                }
            }
            assertThat(read).as("records read from the event log").isGreaterThan(10);
        }
        try (var logs = java.nio.file.Files.list(stack.config().logDir())) {
            for (Path log : logs.toList()) {
                String text = java.nio.file.Files.readString(log, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        leaks.add(log.getFileName() + " contains a secret (" + secret.length() + " chars)");
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private HttpResponse<String> confirm(String leadId, String temporary, String newPassword) throws Exception {
        return api("POST", "/v1/password-resets/confirm", SECRET_KEY, JSON.writeValueAsString(
                Map.of("LeadId", leadId, "TemporaryPassword", temporary, "NewPassword", newPassword)));
    }

    private HttpResponse<String> api(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Authorization", key).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> requestReset(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/password-resets"))
                .header("Authorization", PUBLIC_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        String json = JSON.writeValueAsString(Map.of("EmailAddress", email, "Password", password));
        return http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/logins"))
                .header("Authorization", SECRET_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submitForm(URI page, String html, Map<String, String> values) throws Exception {
        Matcher form = FORM.matcher(html);
        assertThat(form.find()).as("a form on the reset page").isTrue();
        Map<String, String> formAttributes = attributes(form.group(1));
        String method = formAttributes.getOrDefault("method", "get");
        assertThat(method).isEqualToIgnoringCase("post");
        String action = formAttributes.getOrDefault("action", "");
        URI target = action.isEmpty() || action.equals("#") ? page : page.resolve(unescape(action));

        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            Map<String, String> attributes = attributes(input.group(1));
            String name = attributes.get("name");
            if (name == null) {
                continue;
            }
            fields.put(name, unescape(attributes.getOrDefault("value", "")));
        }
        assertThat(fields).containsKeys("password", "confirmPassword");
        fields.putAll(values);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .header("Origin", stack.apiUrl())
                .header("Referer", page.toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(tag);
        while (matcher.find()) {
            attributes.put(matcher.group(1).toLowerCase(), matcher.group(3) != null ? matcher.group(3)
                    : matcher.group(4));
        }
        return attributes;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    private static List<CapturedMessage> mailTo(String address) {
        return stack.mail().messages().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** The newest reset link in a mailbox, read over IMAP as a mail client would. */
    private static Optional<String> resetLinkInMailbox(String user) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", stack.config().imapPort(), user, "any-password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> links = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    Matcher link = RESET_LINK.matcher(text(message));
                    while (link.find()) {
                        links.add(link.group());
                    }
                }
                return links.isEmpty() ? Optional.empty() : Optional.of(links.get(links.size() - 1));
            } finally {
                inbox.close(false);
            }
        }
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
