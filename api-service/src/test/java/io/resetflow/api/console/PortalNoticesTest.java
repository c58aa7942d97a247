package io.resetflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.resetflow.api.timeline.TimelineEntry;

class PortalNoticesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant WINDOW_START = NOW.minusSeconds(16 * 3600);

    @Test
    void a_portal_request_by_email_reads_reset_password_email_sent_with_how_and_the_outcome() {
        List<TimelineEntry> newestFirst = List.of(
                entry("r1", "DeliveryOutcome", NOW.minusSeconds(50), Map.of("Status", "DELIVERED_TO_SERVER", "Channel", "EMAIL")),
                entry("r1", "ResetLinkIssued", NOW.minusSeconds(55), Map.of("Channel", "EMAIL")),
                entry("r1", "ResetRequested", NOW.minusSeconds(60), Map.of("Origin", "API", "Channel", "EMAIL", "Recipient", "a***@example.com")));
        Notices.Notice notice = PortalNotices.from(newestFirst, WINDOW_START).orElseThrow();
        assertThat(notice.message()).isEqualTo("Reset password email sent.");
        assertThat(notice.at()).isEqualTo(NOW.minusSeconds(60));
        assertThat(notice.detail()).isEqualTo("Requested by the portal, by email to a***@example.com; delivery: delivered to server.");
    }

    @Test
    void an_sms_request_from_an_expired_links_page_names_the_text_message() {
        Notices.Notice notice = PortalNotices.from(List.of(entry("r2", "ResetRequested", NOW.minusSeconds(10),
                Map.of("Origin", "PAGE", "Channel", "SMS", "Recipient", "+1******0101"))), WINDOW_START).orElseThrow();
        assertThat(notice.message()).isEqualTo("Reset password text message sent.");
        assertThat(notice.detail()).isEqualTo("Requested from the page of an expired link, by text message to +1******0101.");
    }

    @Test
    void a_throttled_portal_request_says_nothing_was_sent() {
        Notices.Notice notice = PortalNotices.from(List.of(
                entry("r3", "ResetRequestThrottled", NOW.minusSeconds(9), Map.of("Reason", "limit")),
                entry("r3", "ResetRequested", NOW.minusSeconds(10), Map.of("Origin", "API", "Channel", "EMAIL"))), WINDOW_START)
                .orElseThrow();
        assertThat(notice.message()).contains("requested by the portal but not sent");
    }

    @Test
    void console_requests_and_requests_older_than_the_reuse_window_give_no_portal_notice() {
        assertThat(PortalNotices.from(List.of(entry("r4", "ResetRequested", NOW.minusSeconds(10),
                Map.of("Origin", "ADMIN", "Channel", "EMAIL"))), WINDOW_START)).isEmpty();
        assertThat(PortalNotices.from(List.of(entry("r5", "ResetRequested", WINDOW_START.minusSeconds(1),
                Map.of("Origin", "API", "Channel", "EMAIL"))), WINDOW_START)).isEmpty();
    }

    @Test
    void the_newest_portal_request_wins_over_an_older_one() {
        Notices.Notice notice = PortalNotices.from(List.of(
                entry("new", "ResetRequested", NOW.minusSeconds(10), Map.of("Origin", "API", "Channel", "SMS")),
                entry("old", "ResetRequested", NOW.minusSeconds(20), Map.of("Origin", "API", "Channel", "EMAIL"))), WINDOW_START)
                .orElseThrow();
        assertThat(notice.message()).isEqualTo("Reset password text message sent.");
    }

    private static TimelineEntry entry(String requestId, String type, Instant at, Map<String, Object> details) {
        return new TimelineEntry("e-" + type + at, "t", requestId, "u", type, at, details);
    }
}
