package io.resetflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.resetflow.api.timeline.TimelineEntry;

class HistoryRowTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void an_older_link_is_shown_replaced_once_a_newer_one_was_minted_unless_it_was_used() {
        List<HistoryRow> rows = HistoryRow.of(List.of(
                entry("ResetLinkIssued", T.plusSeconds(40), Map.of("LinkId", "l3", "Resend", false, "Channel", "EMAIL")),
                entry("ResetLinkIssued", T.plusSeconds(30), Map.of("LinkId", "l2", "Resend", true, "Channel", "EMAIL")),
                entry("ResetLinkIssued", T.plusSeconds(20), Map.of("LinkId", "l2", "Resend", false, "Channel", "EMAIL")),
                entry("ResetLinkRedeemed", T.plusSeconds(15), Map.of("LinkId", "l1", "Via", "PAGE")),
                entry("ResetLinkIssued", T.plusSeconds(10), Map.of("LinkId", "l1", "Resend", false, "Channel", "EMAIL"))));
        assertThat(rows).extracting(HistoryRow::status).containsExactly("issued", "replaced", "replaced", "redeemed", "issued");
        assertThat(rows.get(1).reason()).isEqualTo("a newer link replaced it");
    }

    @Test
    void the_same_link_sent_again_is_not_replaced() {
        List<HistoryRow> rows = HistoryRow.of(List.of(
                entry("ResetLinkIssued", T.plusSeconds(20), Map.of("LinkId", "l1", "Resend", true, "Channel", "EMAIL")),
                entry("ResetLinkIssued", T.plusSeconds(10), Map.of("LinkId", "l1", "Resend", false, "Channel", "EMAIL"))));
        assertThat(rows).extracting(HistoryRow::status).containsExactly("issued", "issued");
        assertThat(rows).extracting(HistoryRow::what).containsExactly("Same link sent again", "New link issued");
    }

    @Test
    void reveals_say_how_and_to_whom_the_link_was_handed_out() {
        List<HistoryRow> rows = HistoryRow.of(List.of(
                entry("ResetLinkRevealed", T.plusSeconds(20), Map.of("LinkId", "l1", "Action", "COPIED", "RevealedTo", "ADMIN",
                        "RevealedToId", "a1", "Admin", "a***@demo.local")),
                entry("ResetLinkRevealed", T.plusSeconds(10), Map.of("LinkId", "l1", "Action", "API_READ", "RevealedTo", "API_KEY",
                        "RevealedToId", "k1"))));
        assertThat(rows).extracting(HistoryRow::what).containsExactly("Link copied in the console", "Link read through the admin API");
        assertThat(rows).extracting(HistoryRow::reason).containsExactly("to a***@demo.local", "to API key k1");
        assertThat(rows).extracting(HistoryRow::status).containsOnly("revealed");
    }

    private static TimelineEntry entry(String type, Instant at, Map<String, Object> details) {
        return new TimelineEntry("e-" + at, "t", "r-" + at, "u", type, at, details);
    }
}
