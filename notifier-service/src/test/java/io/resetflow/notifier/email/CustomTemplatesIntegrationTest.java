package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.InternalApiClient;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.notifier.support.TestMail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' own templates through the internal admin API, then reset emails to a real SMTP capture: the user's
 * language first, then the tenant's default language, then the built-in email; bad templates are a clear 400.
 */
class CustomTemplatesIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @LocalServerPort
    private int port;

    @Test
    void the_users_language_then_the_tenants_default_then_the_built_in_template_is_mailed() throws Exception {
        String tenant = newId("tenant");
        String path = "/internal/v1/tenants/" + tenant + "/email-templates";
        HttpResponse<String> french = call("PUT", path + "/reset-link/fr", template("Réinitialisez votre mot de passe",
                "Bonjour,\nouvrez {{link}} avant le {{ expiresAt }}.", "<p><a href=\"{{link}}\">Nouveau mot de passe</a></p>"));
        assertThat(french.statusCode()).as(french.body()).isEqualTo(200);
        assertThat(JSON.readTree(french.body()).get("language").asString()).isEqualTo("fr");
        assertThat(call("PUT", path + "/reset-link/ES", template("Restablezca su contraseña",
                "Hola, abra {{link}}.", "<a href=\"{{link}}\">abrir</a>")).statusCode()).isEqualTo(200);
        HttpResponse<String> fallback = call("PUT", path + "/default-language", "{\"defaultLanguage\":\"es\"}");
        assertThat(fallback.statusCode()).as(fallback.body()).isEqualTo(200);

        JsonNode listed = JSON.readTree(call("GET", path, null).body());
        assertThat(listed.get("defaultLanguage").asString()).isEqualTo("es");
        assertThat(listed.get("templates")).extracting(t -> t.get("kind").asString() + "/" + t.get("language").asString())
                .containsExactly("reset-link/es", "reset-link/fr");

        CapturedMessage fr = mailFor(tenant, "fr-CA");
        assertThat(fr.subject()).isEqualTo("Réinitialisez votre mot de passe");
        assertThat(fr.body()).contains("ouvrez https://portal.example/").contains(" UTC.");
        assertThat(mailFor(tenant, "it").subject()).isEqualTo("Restablezca su contraseña");
        assertThat(mailFor(tenant, null).subject()).isEqualTo("Restablezca su contraseña");

        assertThat(call("DELETE", path + "/reset-link/es", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", path + "/reset-link/es", null).statusCode()).isEqualTo(404);
        assertThat(mailFor(tenant, "it").subject()).isEqualTo("Reset your password");
        assertThat(mailFor(newId("tenant"), "fr").subject()).isEqualTo("Reset your password");
        assertThat(mailFor(newId("tenant"), "de-AT").subject()).isEqualTo("Passwort zurücksetzen");
    }

    @Test
    void a_template_that_would_not_render_is_refused_with_a_400_that_says_why() throws Exception {
        String path = "/internal/v1/tenants/" + newId("tenant") + "/email-templates";
        assertRefused(call("PUT", path + "/reset-link/en", template("Reset", "no link", "<a href=\"{{link}}\">x</a>")),
                "must contain {{link}} in both text and html");
        assertRefused(call("PUT", path + "/reset-link/en", template("Reset", "{{link}} {{firstName}}", "{{link}}")),
                "unknown placeholder {{firstName}}");
        assertRefused(call("PUT", path + "/reset-link/en", template("Reset", "{{link}", "{{link}}")),
                "malformed placeholder");
        assertRefused(call("PUT", path + "/reset-link/en", template("R".repeat(201), "{{link}}", "{{link}}")),
                "subject is longer than 200");
        assertRefused(call("PUT", path + "/welcome/en", template("Hi", "{{link}}", "{{link}}")),
                "unknown template kind welcome; known: reset-link, password-changed");
        assertRefused(call("PUT", path + "/reset-link/english", template("Hi", "{{link}}", "{{link}}")), "ISO 639");
        assertRefused(call("PUT", path + "/default-language", "{\"defaultLanguage\":\"??\"}"), "ISO 639");
        assertThat(call("PUT", path + "/password-changed/en", template("Changed", "Changed on {{changedAt}}",
                "<p>{{changedAt}}</p>")).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(call("GET", path, null).body()).get("templates")).hasSize(1);
        assertThat(new InternalApiClient(port).call("GET", path, null, null).statusCode()).isEqualTo(401);
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo("invalid_template");
        assertThat(body.get("message").asString()).contains(message);
    }

    /** Issues a link to a fresh address in the given locale and returns the one email it got. */
    private CapturedMessage mailFor(String tenant, String locale) {
        String address = newId("user") + "@example.com";
        ResetLinkIssued event = ResetLinkIssued.newBuilder(linkIssued(tenant, newId("user"), newId("link"), address,
                "https://portal.example/" + tenant + "/reset/" + newId("tok"), false)).setLocale(locale).build();
        send(event);
        assertThat(awaitOutcomes(event.getEventId(), 1)).singleElement()
                .satisfies(o -> assertThat(o.getStatus()).isEqualTo(DeliveryStatus.SENT));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);
        CapturedMessage mail = mailTo(address).get(0);
        assertThat(mail.body()).contains(event.getTenantId() + "/reset/");
        return mail;
    }

    private static List<CapturedMessage> mailTo(String address) {
        return MAIL.to(address);
    }

    private static String template(String subject, String text, String html) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("text", text);
        body.put("html", html);
        return JSON.writeValueAsString(body);
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return new InternalApiClient(port).call(method, path, body);
    }
}
