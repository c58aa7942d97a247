package io.resetflow.api.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.resetflow.api.timeline.TimelineEntry;

/** One line of a user's delivery history as support staff read it; only masked, non-secret values. */
record HistoryRow(String what, Instant at, String channel, String recipient, String status, String reason) {

    static List<HistoryRow> of(List<TimelineEntry> entries) {
        return entries.stream().map(HistoryRow::of).toList();
    }

    static HistoryRow of(TimelineEntry e) {
        Map<String, Object> d = e.details();
        String channel = text(d.get("Channel"));
        String recipient = text(d.get("Recipient"));
        switch (e.type()) {
            case "ResetRequested":
                return new HistoryRow("Reset requested (" + origin(text(d.get("Origin"))) + ")", e.occurredAt(), channel, recipient,
                        "requested", "");
            case "ResetLinkIssued":
                return new HistoryRow(Boolean.TRUE.equals(d.get("Resend")) ? "Same link sent again" : "New link issued", e.occurredAt(),
                        channel, recipient, "NONE".equals(channel) ? "generated, not sent" : "issued",
                        d.get("ExpiresAt") == null ? "" : "valid until " + d.get("ExpiresAt"));
            case "ResetRequestThrottled":
                return new HistoryRow("Not sent: throttled", e.occurredAt(), channel, recipient, "throttled", text(d.get("Reason")));
            case "DeliveryOutcome":
                return new HistoryRow("Delivery", e.occurredAt(), channel, recipient, text(d.get("Status")).toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' '), text(d.get("Reason")));
            case "ResetLinkRedeemed":
                return new HistoryRow("Link used", e.occurredAt(), channel, recipient, "redeemed", "via " + text(d.get("Via")));
            case "PasswordChanged":
                return new HistoryRow("Password changed", e.occurredAt(), channel, recipient, "changed", "via " + text(d.get("Via")));
            default:
                return new HistoryRow(e.type(), e.occurredAt(), channel, recipient, "", "");
        }
    }

    private static String origin(String origin) {
        switch (origin) {
            case "ADMIN":
                return "by an admin";
            case "PAGE":
                return "from an expired link";
            case "API":
                return "by the portal";
            default:
                return origin.isEmpty() ? "unknown origin" : origin;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
