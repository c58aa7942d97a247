package io.resetflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.User;

/** Sign-in, CSRF, cookies, headers and tenant isolation of the console, spoken in plain HTTP. */
class ConsoleSecurityIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "console-test-password";

    @Autowired
    AdminAccounts admins;
    @Autowired
    Directory directory;

    /** A browser-like client: keeps cookies, does not follow redirects. */
    private final class Session {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String csrf;

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return response;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        Session signIn(String email) throws Exception {
            get("/admin/login");
            HttpResponse<String> signedIn = post("/admin/login", Map.of("_csrf", csrf, "email", email, "password", PASSWORD));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
            get("/admin/users");
            return this;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String newAdmin(TestTenant tenant) {
        String email = "sec-" + tenant.id() + "@example.com";
        admins.createIfMissing(tenant.id(), email, PASSWORD);
        return email;
    }

    @Test
    void a_post_without_the_sessions_csrf_token_is_refused() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        String email = newAdmin(tenant);
        Session session = new Session();
        session.get("/admin/login");
        assertThat(session.post("/admin/login", Map.of("email", email, "password", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(session.post("/admin/login", Map.of("_csrf", "forged", "email", email, "password", PASSWORD)).statusCode())
                .isEqualTo(403);

        session.signIn(email);
        HttpResponse<String> settingsPage = session.get("/admin/settings");
        assertThat(settingsPage.body()).contains("value=\"https://portal.example/" + tenant.id() + "\"");
        HttpResponse<String> withoutToken = session.post("/admin/settings", Map.of("linkBaseUrl", "https://evil.example",
                "tokenTtl", "7d", "reuseWindow", "16h", "deliveriesPerUserPerHour", "5"));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("did not come from the console");
        assertThat(tenants.find(tenant.id()).orElseThrow().linkBaseUrl()).isEqualTo("https://portal.example/" + tenant.id());

        HttpResponse<String> withToken = session.post("/admin/settings", Map.of("_csrf", session.csrf, "linkBaseUrl",
                "https://portal.example.org", "tokenTtl", "7d", "reuseWindow", "16h", "deliveriesPerUserPerHour", "5"));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(tenants.find(tenant.id()).orElseThrow().linkBaseUrl()).isEqualTo("https://portal.example.org");
    }

    @Test
    void the_session_cookie_is_http_only_same_site_lax_and_limited_to_the_console_and_is_renewed_at_sign_in() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        String email = newAdmin(tenant);
        Session session = new Session();
        HttpResponse<String> login = session.get("/admin/login");
        String before = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(before).startsWith(ConsoleSecurity.SESSION_COOKIE + "=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/admin");
        assertThat(before).as("the local profile runs on plain http").doesNotContain("Secure");
        HttpResponse<String> signedIn = session.post("/admin/login", Map.of("_csrf", session.csrf, "email", email, "password", PASSWORD));
        String after = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(after.split(";")[0]).as("a new session id after sign-in (no fixation)").isNotEqualTo(before.split(";")[0]);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("csrf");
    }

    @Test
    void console_pages_are_not_cached_framed_or_allowed_inline_script_and_need_a_signed_in_admin() throws Exception {
        HttpResponse<String> login = get("/admin/login", null);
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(login.body()).contains("name=\"viewport\"").contains("<label for=\"email\">").doesNotContain("<script>");

        HttpResponse<String> users = get("/admin/users", null);
        assertThat(users.statusCode()).isEqualTo(302);
        assertThat(users.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
        assertThat(get("/admin/settings", null).statusCode()).isEqualTo(302);
        assertThat(get("/assets/admin.js", null).body()).contains("navigator.clipboard");
    }

    @Test
    void an_admin_cannot_act_on_another_tenants_user_even_with_a_valid_session() throws Exception {
        TestTenant mine = newTenant(100, 5, false);
        TestTenant theirs = newTenant(100, 5, false);
        Session session = new Session().signIn(newAdmin(mine));
        User stranger = directory.create(theirs.id(), new NewUser("target-" + theirs.id() + "@example.com", null, "Target", "User",
                null, Map.of()));

        HttpResponse<String> page = session.get("/admin/users/" + stranger.id());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain(stranger.email());
        assertThat(session.post("/admin/users/" + stranger.id() + "/password-resets", Map.of("_csrf", session.csrf, "send", "true"))
                .statusCode()).isEqualTo(404);
        assertThat(session.post("/admin/users/" + stranger.id() + "/link-copies", Map.of("_csrf", session.csrf)).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from admin_notices where user_id = ?").param(stranger.id()).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from link_reveals where user_id = ?").param(stranger.id()).query(Integer.class).single())
                .isZero();
        assertThat(session.get("/admin/users?q=target").body()).doesNotContain(stranger.email());
    }

    @Test
    void a_copied_link_is_recorded_with_who_when_and_which_user() throws Exception {
        TestTenant tenant = newTenant(100, 5, false);
        Session session = new Session().signIn(newAdmin(tenant));
        User user = directory.create(tenant.id(), new NewUser("copied-" + tenant.id() + "@example.com", null, "Copy", "Me", null, Map.of()));
        HttpResponse<String> copied = session.client.send(HttpRequest.newBuilder(uri("/admin/users/" + user.id() + "/link-copies"))
                .header("X-CSRF-Token", session.csrf).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("linkId=link-123")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(copied.statusCode()).isEqualTo(204);
        Map<String, Object> row = jdbc.sql("""
                        select r.action, r.link_id, r.revealed_at, a.email from link_reveals r join admins a on a.id = r.admin_id
                        where r.tenant_id = ? and r.user_id = ?""").params(tenant.id(), user.id()).query().singleRow();
        assertThat(row).containsEntry("action", "COPIED").containsEntry("link_id", "link-123")
                .containsEntry("email", "sec-" + tenant.id() + "@example.com");
        assertThat(row.get("revealed_at")).isNotNull();
    }
}
