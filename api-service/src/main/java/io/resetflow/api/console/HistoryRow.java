package io.resetflow.api.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.resetflow.api.timeline.TimelineEntry;

/** One line of a user's delivery history as support staff read it; only masked, non-secret values. */
record HistoryRow(String what, Instant at, String channel, String recipient, String status, String reason) {

    /**
     * Rows of the user's entries (newest first). A link is shown as "replaced" once a newer link was minted for the
     * user (after the reuse window the previous one stops working), unless it was used before that.
     */
    static List<HistoryRow> of(List<TimelineEntry> entries) {
        List<HistoryRow> rows = new java.util.ArrayList<>();
        java.util.Set<String> redeemed = new java.util.HashSet<>();
        entries.stream().filter(e -> "ResetLinkRedeemed".equals(e.type())).forEach(e -> redeemed.add(text(e.details().get("LinkId"))));
        String newerLink = null;
        for (TimelineEntry e : entries) {
            HistoryRow row = of(e);
            String linkId = text(e.details().get("LinkId"));
            if ("ResetLinkIssued".equals(e.type()) && !linkId.isEmpty()) {
                if (newerLink != null && !newerLink.equals(linkId) && !redeemed.contains(linkId)) {
                    row = new HistoryRow(row.what(), row.at(), row.channel(), row.recipient(), "replaced", "a newer link replaced it");
                }
                if (newerLink == null) {
                    newerLink = linkId;
                }
            }
            rows.add(row);
        }
        return List.copyOf(rows);
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
            case "ResetLinkRevealed":
                return new HistoryRow(revealed(text(d.get("Action"))), e.occurredAt(), "", "", "revealed",
                        "ADMIN".equals(text(d.get("RevealedTo"))) ? "to " + text(d.get("Admin")) : "to API key " + text(d.get("RevealedToId")));
            case "ResetLinkRedeemed":
                return new HistoryRow("Link used", e.occurredAt(), channel, recipient, "redeemed", "via " + text(d.get("Via")));
            case "PasswordChanged":
                return new HistoryRow("Password changed", e.occurredAt(), channel, recipient, "changed", "via " + text(d.get("Via")));
            default:
                return new HistoryRow(e.type(), e.occurredAt(), channel, recipient, "", "");
        }
    }

    private static String revealed(String action) {
        switch (action) {
            case "SHOWN":
                return "Link shown in the console";
            case "COPIED":
                return "Link copied in the console";
            case "API_READ":
                return "Link read through the admin API";
            default:
                return "Link revealed";
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
