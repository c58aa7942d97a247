package io.resetflow.notifier.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * {@code sms_daily_counts}: SMS per tenant, number and UTC day. A send reserves a slot atomically (only while under
 * the cap), a failed send gives it back. The number is kept as a SHA-256 hash only. Past days are deleted hourly.
 */
@Repository
class SmsDailyCounter {

    private final JdbcClient jdbc;
    private final Clock clock;

    SmsDailyCounter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes one slot of the day; false when the cap is reached. */
    boolean reserve(String tenantId, String e164, LocalDate day, int cap) {
        if (cap <= 0) {
            return false;
        }
        return jdbc.sql("""
                insert into sms_daily_counts (tenant_id, number_hash, day, sent) values (:tenant, :hash, :day, 1)
                on conflict (tenant_id, number_hash, day) do update set sent = sms_daily_counts.sent + 1
                where sms_daily_counts.sent < :cap
                """)
                .param("tenant", tenantId)
                .param("hash", hash(tenantId, e164))
                .param("day", day)
                .param("cap", cap)
                .update() == 1;
    }

    void release(String tenantId, String e164, LocalDate day) {
        jdbc.sql("""
                update sms_daily_counts set sent = greatest(sent - 1, 0)
                where tenant_id = :tenant and number_hash = :hash and day = :day
                """)
                .param("tenant", tenantId)
                .param("hash", hash(tenantId, e164))
                .param("day", day)
                .update();
    }

    /** Days before yesterday (UTC) no longer cap anything; yesterday stays for a send that straddled midnight. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    int forgetPastDays() {
        return jdbc.sql("delete from sms_daily_counts where day < :day")
                .param("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1))
                .update();
    }

    private static String hash(String tenantId, String e164) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((tenantId + ":" + e164).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
