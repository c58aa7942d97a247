package io.resetflow.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailMatcherTest {

    @Test
    void pairsInOrderPerRecipientAndCountsLostAndExtra() {
        List<EmailMatcher.Request> requests = List.of(
                new EmailMatcher.Request("a@example.com", 1_000),
                new EmailMatcher.Request("a@example.com", 11_000),
                new EmailMatcher.Request("b@example.com", 2_000),
                new EmailMatcher.Request("c@example.com", 3_000));
        List<EmailMatcher.Email> emails = List.of(
                new EmailMatcher.Email("A@example.com", 12_000), // arrives after the second request: pairs with the second
                new EmailMatcher.Email("a@example.com", 5_000),
                new EmailMatcher.Email("b@example.com", 2_500),
                new EmailMatcher.Email("b@example.com", 2_600), // doubled
                new EmailMatcher.Email("stranger@example.com", 9_000)); // no request at all
        EmailMatcher.Result result = EmailMatcher.match(requests, emails);
        assertThat(result.matched()).isEqualTo(3);
        assertThat(result.lost()).isEqualTo(1); // c
        assertThat(result.extra()).isEqualTo(2);
        LatencyStats.Summary latencies = result.latencies().summary();
        assertThat(latencies.count()).isEqualTo(3);
        assertThat(latencies.max()).isEqualTo(4_000); // a: 5_000 - 1_000
        assertThat(latencies.p50()).isEqualTo(1_000); // a: 12_000 - 11_000
        assertThat(result.firstEmailMicros()).isEqualTo(2_500);
        assertThat(result.lastEmailMicros()).isEqualTo(12_000);
    }

    @Test
    void nothingSentNothingMatched() {
        EmailMatcher.Result result = EmailMatcher.match(List.of(), List.of());
        assertThat(result.matched()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.extra()).isZero();
    }
}
