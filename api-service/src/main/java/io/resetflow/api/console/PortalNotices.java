package io.resetflow.api.console;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.resetflow.api.timeline.TimelineEntry;

/**
 * The status message for a reset requested outside the console (the portal through the intake API, or the page of
 * an expired link), derived from the user's timeline: support staff see "Reset password email sent." with when and
 * which channel for the reuse window, as they do after their own actions ({@link Notices}).
 */
final class PortalNotices {

    private PortalNotices() {
    }

    /** From the user's timeline (newest first): the newest non-console request younger than {@code since}. */
    static Optional<Notices.Notice> from(List<TimelineEntry> newestFirst, Instant since) {
        for (TimelineEntry requested : newestFirst) {
            if (!requested.occurredAt().isAfter(since)) {
                return Optional.empty();
            }
            if ("ResetRequested".equals(requested.type()) && !"ADMIN".equals(text(requested.details().get("Origin")))) {
                return Optional.of(notice(requested, newestFirst.stream()
                        .filter(e -> requested.requestId() != null && requested.requestId().equals(e.requestId())).toList()));
            }
        }
        return Optional.empty();
    }

    private static Notices.Notice notice(TimelineEntry requested, List<TimelineEntry> ofRequest) {
        String channel = text(requested.details().get("Channel"));
        String recipient = text(requested.details().get("Recipient"));
        String by = "PAGE".equals(text(requested.details().get("Origin"))) ? "from the page of an expired link" : "by the portal";
        boolean throttled = ofRequest.stream().anyMatch(e -> "ResetRequestThrottled".equals(e.type()));
        String message;
        if (throttled) {
            message = "A password reset was requested " + by + " but not sent: this user reached the limit of deliveries per hour.";
        } else if ("EMAIL".equals(channel)) {
            message = UserConsoleController.SENT;
        } else if ("SMS".equals(channel)) {
            message = "Reset password text message sent.";
        } else {
            message = "Reset password link generated; resetflow did not send it.";
        }
        StringBuilder detail = new StringBuilder("Requested " + by);
        if (!throttled && ("EMAIL".equals(channel) || "SMS".equals(channel))) {
            detail.append(", by ").append("EMAIL".equals(channel) ? "email" : "text message");
            if (!recipient.isEmpty()) {
                detail.append(" to ").append(recipient);
            }
        }
        ofRequest.stream().filter(e -> "DeliveryOutcome".equals(e.type())).findFirst().ifPresent(outcome -> detail.append("; delivery: ")
                .append(text(outcome.details().get("Status")).toLowerCase(Locale.ROOT).replace('_', ' ')));
        return new Notices.Notice(message, requested.occurredAt(), detail.append('.').toString());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
