package io.resetflow.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.delivery.DeliveryRetention;
import io.resetflow.notifier.webhook.MessageRetention;

/**
 * The hourly housekeeping on the real tables: finished work older than 30 days goes, unfinished work and anything
 * younger stays. (In the sms package for its package-private day counter.) Old rows get ids below every other row,
 * as they would have had, since the cleanup finds them by id range.
 */
class RetentionIntegrationTest extends NotifierIntegrationTestBase {

    private static final Duration OLD = Duration.ofDays(31);

    @Autowired
    private DeliveryRetention deliveries;
    @Autowired
    private MessageRetention messages;
    @Autowired
    private SmsDailyCounter smsCounts;

    @Test
    void finished_deliveries_and_notices_older_than_30_days_are_deleted_unfinished_and_younger_ones_stay() {
        String tenant = newId("t");
        insertDelivery(oldId(), tenant, "old-sent", "SENT", OLD);
        insertDelivery(oldId(), tenant, "old-dead", "DEAD_LETTERED", OLD);
        insertDelivery(oldId(), tenant, "old-retrying", "FAILED_TEMPORARY", OLD);
        insertDelivery(null, tenant, "young-sent", "SENT", Duration.ofDays(29));
        insertNotice(tenant, "notice-old-sent", "SENT", OLD);
        insertNotice(tenant, "notice-old-pending", "PENDING", OLD);
        insertNotice(tenant, "notice-young", "SENT", Duration.ofDays(1));

        assertThat(deliveries.deleteOld()).isGreaterThanOrEqualTo(3);

        assertThat(jdbc.sql("select link_id from deliveries where tenant_id = ? order by link_id").param(tenant)
                .query(String.class).list()).containsExactly("old-retrying", "young-sent");
        assertThat(jdbc.sql("select event_id from password_change_notices where tenant_id = ? order by event_id")
                .param(tenant).query(String.class).list())
                .containsExactly("notice-old-pending-" + tenant, "notice-young-" + tenant);
    }

    @Test
    void webhook_messages_that_succeeded_or_died_over_30_days_ago_go_with_their_attempts_pending_ones_stay() {
        String tenant = newId("t");
        String endpoint = newId("ep");
        jdbc.sql("""
                        insert into webhook_endpoints (id, tenant_id, url, event_types, key_id, nonce, ciphertext, created_at)
                        values (?, ?, 'https://partner.example/hook', '{reset.link-issued}', 'k', '\\x00', '\\x00', now())""")
                .params(endpoint, tenant).update();
        long succeeded = insertMessage(oldId(), endpoint, "SUCCEEDED", OLD);
        insertMessage(oldId(), endpoint, "DEAD", OLD);
        insertMessage(oldId(), endpoint, "PENDING", OLD);
        insertMessage(null, endpoint, "SUCCEEDED", Duration.ofDays(29));
        jdbc.sql("""
                        insert into webhook_attempts (message_pk, endpoint_id, attempt, status, latency_ms, at)
                        values (?, ?, 1, 'SUCCEEDED', 12, now())""")
                .params(succeeded, endpoint).update();

        assertThat(messages.deleteOld()).isGreaterThanOrEqualTo(2);

        assertThat(jdbc.sql("select status from webhook_messages where endpoint_id = ? order by id").param(endpoint)
                .query(String.class).list()).containsExactly("PENDING", "SUCCEEDED");
        assertThat(jdbc.sql("select count(*) from webhook_attempts where message_pk = ?").param(succeeded)
                .query(Long.class).single()).isZero();
    }

    @Test
    void sms_day_counters_before_yesterday_are_deleted() {
        String tenant = newId("t");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int daysAgo = 0; daysAgo <= 3; daysAgo++) {
            jdbc.sql("insert into sms_daily_counts (tenant_id, number_hash, day, sent) values (?, 'h', ?, 1)")
                    .params(tenant, today.minusDays(daysAgo)).update();
        }

        assertThat(smsCounts.forgetPastDays()).isGreaterThanOrEqualTo(2);

        assertThat(jdbc.sql("select day from sms_daily_counts where tenant_id = ? order by day").param(tenant)
                .query(LocalDate.class).list()).isEqualTo(List.of(today.minusDays(1), today));
    }

    /** Below every id the sequence hands out: how an old row's id compares with younger ones. */
    private static long oldId() {
        return -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private void insertDelivery(Long id, String tenant, String linkId, String status, Duration age) {
        OffsetDateTime at = Instant.now().minus(age).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into deliveries (id, link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                                resend, masked_recipient, status, attempts, created_at, updated_at)
                        values (coalesce(?, nextval('deliveries_id_seq')), ?, 'EMAIL', ?, 'u', ?, 'c', false, 'a***@example.com',
                                ?, 1, ?, ?)""")
                .params(id, newId("e"), tenant, linkId, status, at, at).update();
    }

    private void insertNotice(String tenant, String eventId, String status, Duration age) {
        jdbc.sql("insert into password_change_notices (event_id, tenant_id, user_id, status, created_at) values (?, ?, 'u', ?, ?)")
                .params(eventId + "-" + tenant, tenant, status, Instant.now().minus(age).atOffset(ZoneOffset.UTC)).update();
    }

    private long insertMessage(Long id, String endpoint, String status, Duration age) {
        OffsetDateTime at = Instant.now().minus(age).atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                        insert into webhook_messages (id, message_id, endpoint_id, event_id, event_type, payload, status,
                                                      created_at, updated_at)
                        values (coalesce(?, nextval('webhook_messages_id_seq')), ?, ?, ?, 'reset.link-issued', '{}', ?, ?, ?)
                        returning id""")
                .params(id, newId("msg"), endpoint, newId("ev"), status, at, at).query(Long.class).single();
    }
}
