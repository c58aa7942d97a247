package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class DevInboxIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void capturesSmsFromTwilioStyleAndPlainClientsAndListsThemWithMailNewestFirst() throws Exception {
        CapturedMessage mail = new CapturedMessage("email", "alice@example.com", "Reset", "mail body",
                Instant.parse("2020-01-01T00:00:00Z"));
        try (DevInbox inbox = DevInbox.start(0, () -> List.of(mail))) {
            HttpResponse<String> twilio = http.send(HttpRequest.newBuilder(URI.create(inbox.smsUrl()
                    + "/2010-04-01/Accounts/AC123/Messages.json"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("AC123:tok".getBytes()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "To=%2B14155550101&From=%2B15005550006&Body=Reset%3A+http%3A%2F%2F127.0.0.1%3A8080%2Freset%2Fabc"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(twilio.statusCode()).isEqualTo(201);
            assertThat(twilio.body()).contains("\"sid\":\"SM").contains("\"status\":\"queued\"")
                    .contains("\"to\":\"+14155550101\"");

            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/api/sms"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+14155550102\",\"body\":\"second \\\"one\\\"\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(201);

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/api/sms"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(400);

            assertThat(inbox.smsMessages()).extracting(CapturedMessage::to)
                    .containsExactly("+14155550101", "+14155550102");
            assertThat(inbox.smsMessages().get(0).body()).isEqualTo("Reset: http://127.0.0.1:8080/reset/abc");
            assertThat(inbox.smsMessages().get(1).body()).isEqualTo("second \"one\"");

            String json = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/api/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(json.indexOf("+14155550102")).isLessThan(json.indexOf("+14155550101"));
            assertThat(json.indexOf("+14155550101")).isLessThan(json.indexOf("alice@example.com"));
            assertThat(json).contains("\"channel\":\"sms\"");

            String html = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(html).contains("<a href=\"http://127.0.0.1:8080/reset/abc\">");
        }
    }
}
