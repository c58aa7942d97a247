package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DevInboxTest {

    @Test
    void writesJsonWithEscapes() {
        String json = DevInbox.toJson(List.of(new CapturedMessage("email", "a@b.c", "S \"1\"", "line1\nline2\t\\",
                Instant.parse("2026-01-02T03:04:05Z"))));
        assertThat(json).isEqualTo("[{\"channel\":\"email\",\"to\":\"a@b.c\",\"subject\":\"S \\\"1\\\"\","
                + "\"body\":\"line1\\nline2\\t\\\\\",\"receivedAt\":\"2026-01-02T03:04:05Z\"}]");
    }

    @Test
    void linkifiesUrlsAndEscapesHtml() {
        assertThat(DevInbox.linkify("go <b> http://x/reset/a_b-c now"))
                .isEqualTo("go &lt;b&gt; <a href=\"http://x/reset/a_b-c\">http://x/reset/a_b-c</a> now");
    }
}
