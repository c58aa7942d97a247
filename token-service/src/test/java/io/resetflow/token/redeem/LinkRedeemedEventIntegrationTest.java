package io.resetflow.token.redeem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.resetflow.schemas.Topics;
import io.resetflow.schemas.chain.ChainHeader;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.testsupport.TopicLog;

/** A successful redeem publishes one ResetLinkRedeemed through the outbox; a refused one publishes nothing. */
class LinkRedeemedEventIntegrationTest extends TokenServiceIntegrationTestBase {

    private TopicLog linkIssued;
    private TopicLog redeemed;

    @BeforeEach
    void openLogs() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
        redeemed = new TopicLog(Topics.LINK_REDEEMED);
    }

    @AfterEach
    void closeLogs() {
        linkIssued.close();
        redeemed.close();
    }

    @Test
    void redeeming_publishes_link_redeemed_caused_by_the_first_link_issued_of_that_link() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequested first = resetRequested(tenant, user, Duration.ofHours(16).toSeconds());
        decide(first);
        decide(resetRequested(tenant, user, Duration.ofHours(16).toSeconds())); // a re-send of the same link
        List<ResetLinkIssued> issued = awaitLinkIssued(linkIssued, tenant, user, 2);
        String token = tokenOf(issued.get(1));

        assertThat(post("/internal/v1/tokens/redeem", "Bearer " + INTERNAL_SECRET,
                "{\"token\":\"" + token + "\",\"via\":\"CONFIRM_API\"}").statusCode()).isEqualTo(200);
        assertThat(json(internal("redeem", token)).get("status").asString()).isEqualTo("USED");

        ResetLinkRedeemed event = awaitRedeemed(tenant, user, 1).get(0);
        assertThat(event.getCorrelationId()).isEqualTo(first.getCorrelationId());
        assertThat(event.getCausationId()).isEqualTo(issued.get(0).getEventId());
        assertThat(event.getLinkId()).isEqualTo(issued.get(0).getLinkId());
        assertThat(event.getUserId()).isEqualTo(user);
        assertThat(event.getTenantId()).isEqualTo(tenant);
        assertThat(event.getVia()).isEqualTo("CONFIRM_API");
        assertThat(event.getIssuedAt()).isEqualTo(issued.get(0).getIssuedAt());
        assertThat(event.getExpiresAt()).isEqualTo(issued.get(0).getExpiresAt());
    }

    @Test
    void a_redeem_without_via_is_recorded_as_from_the_page() {
        String tenant = newId("t");
        String user = newId("u");
        String token = decide(resetRequested(tenant, user, 60)).get("token").asString();

        assertThat(json(internal("redeem", token)).get("status").asString()).isEqualTo("REDEEMED");

        assertThat(awaitRedeemed(tenant, user, 1).get(0).getVia()).isEqualTo("PAGE");
    }

    @Test
    void refused_redeems_publish_nothing() {
        String tenant = newId("t");
        String user = newId("u");
        String old = decide(resetRequested(tenant, user, 0)).get("token").asString();
        decide(resetRequested(tenant, user, 0));

        assertThat(json(internal("redeem", old)).get("status").asString()).isEqualTo("REPLACED");
        assertThat(json(internal("redeem", "no-such-token")).get("status").asString()).isEqualTo("UNKNOWN");

        String key = Topics.key(tenant, user);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> redeemed.pollKeys(key::equals).isEmpty());
    }

    @Test
    void every_published_event_carries_the_tamper_evidence_chain_header() {
        String tenant = newId("t");
        String user = newId("u");
        String token = decide(resetRequested(tenant, user, 60)).get("token").asString();
        internal("redeem", token);

        awaitRedeemed(tenant, user, 1);
        String key = Topics.key(tenant, user);
        ConsumerRecord<String, byte[]> issuedRecord = await().atMost(Duration.ofSeconds(30))
                .until(() -> linkIssued.pollKeys(key::equals), records -> !records.isEmpty()).get(0);
        ConsumerRecord<String, byte[]> redeemedRecord = redeemed.pollKeys(key::equals).get(0);
        for (ConsumerRecord<String, byte[]> record : List.of(issuedRecord, redeemedRecord)) {
            assertThat(record.headers().lastHeader(ChainHeader.NAME)).as(record.topic()).isNotNull();
            assertThat(ChainHeader.parse(record.headers().lastHeader(ChainHeader.NAME).value()).producerId())
                    .as(record.topic()).isNotBlank();
        }
    }

    private List<ResetLinkRedeemed> awaitRedeemed(String tenant, String user, int n) {
        String key = Topics.key(tenant, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> redeemed.pollKeys(key::equals).size() >= n);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> redeemed.pollKeys(key::equals).size() == n);
        return redeemed.pollKeys(key::equals).stream()
                .map(r -> (ResetLinkRedeemed) decodeAny(Topics.LINK_REDEEMED, r.value())).toList();
    }
}
