package io.resetflow.token.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.token.TokenServiceIntegrationTestBase;
import io.resetflow.token.issue.DeliveryChannel;
import io.resetflow.token.issue.ResetRequest;
import io.resetflow.token.issue.TokenIssuer;
import io.resetflow.testsupport.TopicLog;

/** The decision and its event commit together, and the event goes out even when the relay was down at commit. */
class OutboxIntegrationTest extends TokenServiceIntegrationTestBase {

    @Autowired
    private OutboxRelay relay;
    @Autowired
    private TokenIssuer issuer;
    @Autowired
    private Outbox outbox;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private TopicLog linkIssued;

    @BeforeEach
    void openLog() {
        linkIssued = new TopicLog(Topics.LINK_ISSUED);
    }

    @AfterEach
    void closeLog() {
        relay.start();
        linkIssued.close();
    }

    @Test
    void an_event_committed_while_the_relay_was_down_is_published_exactly_once_when_it_runs_again() {
        String tenant = newId("t");
        String user = newId("u");
        String key = Topics.key(tenant, user);
        relay.stop(); // the instance "crashed" after its decision committed, before publishing

        send(resetRequested(tenant, user, 60));

        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(key) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> linkIssued.pollKeys(key::equals).isEmpty());
        assertThat(jdbc.sql("select count(*) from reset_tokens where tenant_id = ? and user_id = ?")
                .params(tenant, user).query(Long.class).single()).isEqualTo(1L);

        relay.start();

        ResetLinkIssued event = awaitLinkIssued(linkIssued, tenant, user, 1).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(key) == 0);
        var record = linkIssued.pollKeys(key::equals).get(0);
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_ID).value())).isEqualTo(event.getEventId());
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value())).isEqualTo("ResetLinkIssued");
    }

    @Test
    void a_rolled_back_decision_leaves_neither_token_nor_outbox_row() {
        String tenant = newId("t");
        String user = newId("u");
        ResetRequest request = new ResetRequest(UUID.randomUUID().toString(), tenant, "c-1", user, DeliveryChannel.EMAIL,
                EVENT_SEALER.seal("a@example.com", "recipient:" + tenant), "a***@example.com", "https://portal.example",
                Duration.ofDays(7), Duration.ofHours(16), 5);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            issuer.handle(request);
            assertThat(count("reset_tokens", "user_id", user)).isEqualTo(1L);
            status.setRollbackOnly();
        });

        assertThat(count("outbox", "record_key", Topics.key(tenant, user))).isZero();
        assertThat(count("reset_tokens", "user_id", user)).isZero();
        assertThat(count("processed_events", "event_id", request.eventId())).isZero();
    }

    @Test
    void a_transactions_rows_are_written_when_it_commits_in_the_order_they_were_appended() {
        String tenant = newId("t");
        List<String> keys = List.of(Topics.key(tenant, "u3"), Topics.key(tenant, "u1"), Topics.key(tenant, "u2"));
        relay.stop(); // the rows stay for the test to read

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            keys.forEach(key -> outbox.append(UUID.randomUUID().toString(), "ResetLinkIssued", Topics.LINK_ISSUED, key,
                    key.getBytes(StandardCharsets.UTF_8)));
            // kept with the transaction until it commits
            assertThat(jdbc.sql("select count(*) from outbox where record_key like ?").param(tenant + ":%")
                    .query(Long.class).single()).isZero();
        });

        List<Map<String, Object>> rows = jdbc.sql("select record_key, payload from outbox where record_key like ? order by id")
                .param(tenant + ":%").query().listOfRows();
        assertThat(rows).extracting(row -> row.get("record_key")).containsExactlyElementsOf(keys);
        assertThat(rows).extracting(row -> new String((byte[]) row.get("payload"), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(keys);
        deleteRowsOf(tenant); // not events: never to be published
    }

    @Test
    void a_row_that_cannot_be_written_fails_the_commit_and_rolls_the_whole_transaction_back() {
        String tenant = newId("t");
        String user = newId("u");
        String taken = UUID.randomUUID().toString();
        relay.stop(); // the first row stays in the table
        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                outbox.append(taken, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, "other"), new byte[] {1}));
        ResetRequest request = new ResetRequest(UUID.randomUUID().toString(), tenant, "c-1", user, DeliveryChannel.EMAIL,
                EVENT_SEALER.seal("a@example.com", "recipient:" + tenant), "a***@example.com", "https://portal.example",
                Duration.ofDays(7), Duration.ofHours(16), 5);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            issuer.handle(request);
            // the same event id again: the unique constraint refuses the row when the transaction commits
            outbox.append(taken, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, user), new byte[] {2});
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(count("reset_tokens", "user_id", user)).isZero();
        assertThat(count("processed_events", "event_id", request.eventId())).isZero();
        assertThat(count("outbox", "record_key", Topics.key(tenant, user))).isZero();
        // the next transaction of the thread starts afresh
        String next = UUID.randomUUID().toString();
        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                outbox.append(next, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, user), new byte[] {3}));
        assertThat(count("outbox", "event_id", next)).isEqualTo(1L);
        assertThat(count("outbox", "event_id", taken)).isEqualTo(1L);
        deleteRowsOf(tenant); // not events: never to be published
    }

    @Test
    void a_new_transaction_inside_another_writes_its_own_rows_at_its_own_commit_and_the_outer_keeps_its_own() {
        String tenant = newId("t");
        String outerFirst = UUID.randomUUID().toString();
        String inner = UUID.randomUUID().toString();
        String outerLast = UUID.randomUUID().toString();
        relay.stop(); // the rows stay for the test to read
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactionManager).executeWithoutResult(outer -> {
            outbox.append(outerFirst, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, "outer"), new byte[] {1});
            requiresNew.executeWithoutResult(status ->
                    outbox.append(inner, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, "inner"), new byte[] {2}));
            // the inner transaction committed its own row, not the outer's
            assertThat(count("outbox", "event_id", inner)).isEqualTo(1L);
            assertThat(count("outbox", "event_id", outerFirst)).isZero();
            outbox.append(outerLast, "ResetLinkIssued", Topics.LINK_ISSUED, Topics.key(tenant, "outer"), new byte[] {3});
        });

        assertThat(jdbc.sql("select event_id from outbox where record_key = ? order by id")
                .param(Topics.key(tenant, "outer")).query(String.class).list()).containsExactly(outerFirst, outerLast);
        assertThat(count("outbox", "event_id", inner)).isEqualTo(1L);
        deleteRowsOf(tenant); // not events: never to be published
    }

    private void deleteRowsOf(String tenant) {
        jdbc.sql("delete from outbox where record_key like ?").param(tenant + ":%").update();
    }

    @Test
    void an_append_outside_a_transaction_is_refused_and_writes_nothing() {
        String key = Topics.key(newId("t"), newId("u"));

        assertThatThrownBy(() -> outbox.append(UUID.randomUUID().toString(), "ResetLinkIssued", Topics.LINK_ISSUED,
                key, new byte[] {1}))
                .isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("transaction");

        assertThat(count("outbox", "record_key", key)).isZero();
    }

    @Test
    void the_relay_publishes_rows_it_finds_and_deletes_them_once_acknowledged() {
        String tenant = newId("t");
        List<String> users = List.of(newId("u"), newId("u"), newId("u"));
        relay.stop();
        users.forEach(u -> send(resetRequested(tenant, u, 60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> users.stream().mapToLong(u -> unpublished(Topics.key(tenant, u))).sum() == 3);

        relay.start();

        users.forEach(u -> awaitLinkIssued(linkIssued, tenant, u, 1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> users.stream().mapToLong(u -> unpublished(Topics.key(tenant, u))).sum() == 0);
    }

    private long unpublished(String key) {
        return jdbc.sql("select count(*) from outbox where record_key = ?")
                .param(key).query(Long.class).single();
    }

    private long count(String table, String column, String value) {
        return jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(value)
                .query(Long.class).single();
    }
}
