package io.resetflow.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.resetflow.api.ApiServiceIntegrationTestBase;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.PasswordChange;
import io.resetflow.api.directory.PasswordCheck;
import io.resetflow.api.directory.User;
import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.serde.AvroEventDeserializer;
import io.resetflow.testsupport.TopicLog;

/** A password change and its PasswordChanged commit together, and the event goes out even when sending it failed. */
class PasswordChangedOutboxIntegrationTest extends ApiServiceIntegrationTestBase {

    @Autowired
    private Directory directory;
    @Autowired
    private EventOutbox outbox;
    @Autowired
    private EventSender sender;
    @Autowired
    private PlatformTransactionManager transactions;

    private TopicLog passwordChanged;

    @BeforeEach
    void openLog() {
        passwordChanged = new TopicLog(Topics.PASSWORD_CHANGED);
    }

    @AfterEach
    void closeLog() {
        passwordChanged.close();
    }

    @Test
    void a_new_password_is_on_the_log_once_and_leaves_no_outbox_row() {
        User user = newUser();

        directory.setPassword(user.tenantId(), user.id(), "henry-new-pass-2", PasswordChange.Via.ADMIN, null, null);

        String key = Topics.key(user.tenantId(), user.id().toString());
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20))
                .until(() -> passwordChanged.pollKeys(key::equals), r -> !r.isEmpty());
        PasswordChanged event = decode(records.get(0));
        assertThat(event.getVia()).isEqualTo("ADMIN");
        assertThat(new String(records.get(0).headers().lastHeader(EventHeaders.EVENT_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(event.getEventId());
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(key) == 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> passwordChanged.pollKeys(key::equals).size() == 1);
    }

    @Test
    void a_rolled_back_change_leaves_neither_the_password_nor_an_event() {
        User user = newUser();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            directory.setPassword(user.tenantId(), user.id(), "henry-new-pass-3", PasswordChange.Via.ADMIN, null, null);
            assertThat(outboxRows(Topics.key(user.tenantId(), user.id().toString()))).isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(directory.checkPassword(user.tenantId(), user.email(), "henry-new-pass-3"))
                .isInstanceOf(PasswordCheck.Refused.class);
        assertThat(directory.checkPassword(user.tenantId(), user.email(), "henry-old-pass-1"))
                .isInstanceOf(PasswordCheck.Matched.class);
        String key = Topics.key(user.tenantId(), user.id().toString());
        assertThat(outboxRows(key)).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> passwordChanged.pollKeys(key::equals).isEmpty());
    }

    @Test
    void a_link_that_cannot_be_redeemed_changes_nothing_whether_refused_or_failing() {
        User user = newUser();
        String key = Topics.key(user.tenantId(), user.id().toString());

        boolean refused = directory.setPasswordRedeeming(user.tenantId(), user.id(), "henry-new-pass-4",
                PasswordChange.Via.RESET_PAGE, Optional::empty);
        assertThat(refused).isFalse();
        assertThatThrownBy(() -> directory.setPasswordRedeeming(user.tenantId(), user.id(), "henry-new-pass-5",
                PasswordChange.Via.RESET_PAGE, () -> {
                    throw new IllegalStateException("token-service did not answer");
                })).hasMessageContaining("did not answer");

        assertThat(directory.checkPassword(user.tenantId(), user.email(), "henry-old-pass-1"))
                .isInstanceOf(PasswordCheck.Matched.class);
        assertThat(outboxRows(key)).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> passwordChanged.pollKeys(key::equals).isEmpty());

        // redeemed: changed, and the event names the link and the request
        assertThat(directory.setPasswordRedeeming(user.tenantId(), user.id(), "henry-new-pass-6",
                PasswordChange.Via.RESET_PAGE, () -> Optional.of(new Directory.Redeemed("req-1", "link-1")))).isTrue();
        PasswordChanged event = decode(await().atMost(Duration.ofSeconds(20))
                .until(() -> passwordChanged.pollKeys(key::equals), r -> !r.isEmpty()).get(0));
        assertThat(event.getLinkId()).isEqualTo("link-1");
        assertThat(event.getCorrelationId()).isEqualTo("req-1");
        assertThat(directory.checkPassword(user.tenantId(), user.email(), "henry-new-pass-6"))
                .isInstanceOf(PasswordCheck.Matched.class);
    }

    @Test
    void a_row_whose_send_failed_is_sent_by_the_relay_once_it_is_old_enough() {
        String tenant = newTenant(1_000, 60, false).id();
        String old = Topics.key(tenant, UUID.randomUUID().toString());
        String young = Topics.key(tenant, UUID.randomUUID().toString());
        // as a committed change whose send was not acknowledged leaves it
        String oldEventId = insertUnsent(old, Instant.now().minus(EventOutbox.RETRY_AFTER).minusSeconds(1));
        insertUnsent(young, Instant.now());

        outbox.relay();

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> passwordChanged.pollKeys(old::equals), r -> !r.isEmpty()).get(0);
        assertThat(decode(record).getEventId()).isEqualTo(oldEventId);
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("PasswordChanged");
        assertThat(outboxRows(old)).isZero();
        // the committing thread may still be waiting for the broker on a young row: not the relay's yet
        assertThat(outboxRows(young)).isEqualTo(1);
        assertThat(passwordChanged.readToEnd(r -> young.equals(r.key()), Duration.ofSeconds(30))).isEmpty();
        jdbc.sql("delete from event_outbox where record_key = ?").param(young).update();
    }

    @Test
    void an_append_outside_a_transaction_is_refused_and_writes_nothing() {
        String key = Topics.key("t-none", UUID.randomUUID().toString());
        ProducerRecord<String, byte[]> record = sender.encode(Topics.PASSWORD_CHANGED, key, UUID.randomUUID().toString(),
                event(key));

        assertThatThrownBy(() -> outbox.append(record)).isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("transaction");
        assertThat(outboxRows(key)).isZero();
    }

    private User newUser() {
        TestTenant tenant = newTenant(1_000, 60, false);
        return directory.create(tenant.id(), new NewUser("henry-" + UUID.randomUUID() + "@example.com", null, "Henry",
                null, "henry-old-pass-1", null));
    }

    private String insertUnsent(String key, Instant createdAt) {
        String eventId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = sender.encode(Topics.PASSWORD_CHANGED, key, eventId, event(key, eventId));
        jdbc.sql("""
                        insert into event_outbox (event_id, event_type, topic, record_key, payload, created_at)
                        values (?, 'PasswordChanged', ?, ?, ?, ?)""")
                .params(eventId, record.topic(), key, record.value(), createdAt.atOffset(ZoneOffset.UTC)).update();
        return eventId;
    }

    private static PasswordChanged event(String key) {
        return event(key, UUID.randomUUID().toString());
    }

    private static PasswordChanged event(String key, String eventId) {
        String[] parts = key.split(":", 2);
        return PasswordChanged.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now())
                .setTenantId(parts[0])
                .setCorrelationId(eventId)
                .setCausationId(eventId)
                .setUserId(parts[1])
                .setLinkId(null)
                .setVia("ADMIN")
                .setRecipient(null)
                .setMaskedRecipient("h***@example.com")
                .build();
    }

    private long outboxRows(String key) {
        return jdbc.sql("select count(*) from event_outbox where record_key = ?").param(key).query(Long.class).single();
    }

    private static PasswordChanged decode(ConsumerRecord<String, byte[]> record) {
        return (PasswordChanged) new AvroEventDeserializer().deserialize(record.topic(), record.value());
    }
}
