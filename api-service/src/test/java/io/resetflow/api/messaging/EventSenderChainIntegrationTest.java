package io.resetflow.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.support.ResetRequestedLog;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.chain.ChainHeader;
import io.resetflow.schemas.chain.ChainVerifier;

/**
 * Many request threads publish at once, yet this instance's tamper-evidence chain on reset.requested follows the
 * order the records were appended in: the verifier finds no reorder, gap or mismatch in it.
 */
class EventSenderChainIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final int REQUESTS = 80;

    @Test
    void concurrent_requests_leave_an_intact_chain() throws Exception {
        TestTenant tenant = newTenant(100_000, 1, false);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/password-resets"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", tenant.publicKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"EmailAddress\":\"chain-" + i + "@example.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)).containsOnly(200);

        try (ResetRequestedLog log = new ResetRequestedLog()) {
            List<ResetRequestedLog.Entry> ours = await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.poll(e -> e.getTenantId().equals(tenant.id())), l -> l.size() == REQUESTS);
            Set<String> producers = ours.stream().map(e -> chain(e).producerId()).collect(Collectors.toSet());
            assertThat(producers).as("one producer, this instance's").hasSize(1);

            ChainVerifier verifier = new ChainVerifier();
            // every answer was 200, so every record of the chain is on the log: read all of it, not one poll's worth
            List<ResetRequestedLog.Entry> chainOfThisInstance = log.readToEnd(e -> true, Duration.ofSeconds(30)).stream()
                    .filter(e -> e.record().headers().lastHeader(ChainHeader.NAME) != null)
                    .filter(e -> producers.contains(chain(e).producerId()))
                    .toList();
            chainOfThisInstance.forEach(e -> verifier.add(new ChainVerifier.Entry(Topics.RESET_REQUESTED,
                    e.record().partition(), e.record().offset(), e.event().getEventId(),
                    e.record().headers().lastHeader(ChainHeader.NAME).value(), e.record().value())));
            ChainVerifier.Report report = verifier.report();

            assertThat(report.chainedRecords()).isGreaterThanOrEqualTo(REQUESTS);
            assertThat(report.violations()).as("chain findings").isEmpty();
            Header eventId = ours.get(0).record().headers().lastHeader(EventHeaders.EVENT_ID);
            assertThat(new String(eventId.value())).isEqualTo(ours.get(0).event().getEventId());
        }
    }

    private static ChainHeader chain(ResetRequestedLog.Entry entry) {
        return ChainHeader.parse(entry.record().headers().lastHeader(ChainHeader.NAME).value());
    }
}
