package io.resetflow.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code deliveries} table, one row per (ResetLinkIssued eventId, channel). Every statement is committed on its
 * own. Holds the masked address only, never the clear address or link. A poll's links are started and recorded with
 * one statement each for the whole poll ({@link #startAttempts}, {@link #recordAll}: rows passed as arrays through
 * {@code unnest}, so the statement text is the same whatever the poll's size): per email these were two statements
 * and two commits, a quarter of PostgreSQL's statements and most of its commits per reset (issue 9). Parameters are
 * positional: named parameters cost more in Spring's parsing and mapping than the statement's own execution in the
 * driver (JFR, issue 9).
 */
@Repository
class DeliveryStore {

    /** The columns {@link #row} reads, by position: every statement that answers rows selects or returns these. */
    private static final String ROW = "id, status, attempts, reason, provider_message_id, updated_at, outcome_pending";
    /** {@link DeliveryStatus#isFinal}'s statuses as an SQL list: a row in one of them is never attempted again. */
    private static final String FINAL = Arrays.stream(DeliveryStatus.values()).filter(DeliveryStatus::isFinal)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final String INSERT_PENDING = """
            insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                    resend, masked_recipient, status, attempts, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
            on conflict (link_issued_event_id, channel) do nothing
            """;
    private static final String SELECT = """
            select %s from deliveries
            where link_issued_event_id = ? and channel = ?
            """.formatted(ROW);
    private static final String RECORD = """
            update deliveries
            set status = ?, reason = ?, provider_message_id = ?, updated_at = ?,
                sent_at = case when ? then ? else sent_at end, outcome_pending = false
            where id = ?
            returning %s
            """.formatted(ROW);

    /**
     * Before the sends: inserts each row with its first attempt counted, or counts a new attempt on a known row unless
     * it is final or the outcome of its last attempt is not yet on the log ({@code outcome_pending}: published first,
     * see {@link Deliveries}). The rows come as one array per column; the returned rows (not those left as they
     * were) carry their key.
     */
    private static final String START_ATTEMPTS = """
            insert into deliveries (link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id,
                                    resend, masked_recipient, status, attempts, created_at, updated_at)
            select v.link_issued_event_id, v.channel, v.tenant_id, v.user_id, v.link_id, v.correlation_id,
                   v.resend, v.masked_recipient, 'PENDING', 1, ?, ?
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[])
                 as v(link_issued_event_id, channel, tenant_id, user_id, link_id, correlation_id, resend, masked_recipient)
            order by v.link_issued_event_id, v.channel
            on conflict (link_issued_event_id, channel) do update
                set attempts = deliveries.attempts + 1, updated_at = excluded.updated_at
                where deliveries.status not in %s and not deliveries.outcome_pending
            returning %s, link_issued_event_id, channel
            """.formatted(FINAL, ROW);
    /**
     * The rows {@link #START_ATTEMPTS} did not return: final ones and those owing an outcome, which it leaves as they
     * are. Found by the unique
     * index whatever the statistics say (see {@link #RECORD_ALL}).
     */
    private static final String SELECT_ALL = """
            select %s, link_issued_event_id, channel from deliveries
            where link_issued_event_id = any(?::text[])
              and (link_issued_event_id, channel) in (select * from unnest(?::text[], ?::text[]))
            """.formatted(ROW);
    /**
     * {@link #RECORD} for many rows, each with its own time; a temporary failure's outcome is pending until
     * {@link #outcomesPublished}. The {@code d.id = any(?)} repeats the join's condition
     * so that PostgreSQL finds the rows by the primary key whatever its statistics say: planned while the table
     * looked small (statistics not yet refreshed after it grew quickly), the join alone read the whole table,
     * 3.8 ms per poll in the bench instead of 0.1.
     */
    private static final String RECORD_ALL = """
            update deliveries d
            set status = v.status, reason = v.reason, provider_message_id = v.provider_message_id, updated_at = v.at,
                sent_at = case when v.status = 'SENT' then v.at else d.sent_at end,
                outcome_pending = (v.status = 'FAILED_TEMPORARY')
            from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                 as v(id, status, reason, provider_message_id, at)
            where d.id = any(?::bigint[]) and d.id = v.id
            returning d.id, d.status, d.attempts, d.reason, d.provider_message_id, d.updated_at, d.outcome_pending
            """;
    /** Clears the flag of the attempt whose outcome was published only: a later attempt may owe its own. */
    private static final String OUTCOMES_PUBLISHED = """
            update deliveries d set outcome_pending = false
            from unnest(?::bigint[], ?::int[]) as v(id, attempts)
            where d.id = any(?::bigint[]) and d.id = v.id and d.attempts = v.attempts and d.outcome_pending
            """;
    /** Takes back attempts counted by {@link #startAttempts} for links that were then not sent. */
    private static final String RELEASE = """
            update deliveries set attempts = attempts - 1
            where id = any(?) and attempts > 0 and status not in %s
            """.formatted(FINAL);

    /** What identifies a row: one issuance on one channel. */
    record Key(String issuanceEventId, DeliveryChannel channel) {

        static Key of(LinkDelivery delivery) {
            return new Key(delivery.issuanceEventId(), delivery.channel());
        }
    }

    /** The result of one attempt, to be recorded on row {@code id} as of {@code at}. */
    record Result(long id, DeliveryStatus status, String reason, String providerMessageId, Instant at) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING row unless the issuance is known on that channel; returns the row either way. */
    DeliveryRow insertOrGet(LinkDelivery delivery, Instant now) {
        jdbc.sql(INSERT_PENDING)
                .params(newRow(delivery, now))
                .update();
        return jdbc.sql(SELECT)
                .params(delivery.issuanceEventId(), delivery.channel().name())
                .query(DeliveryStore::row)
                .single();
    }

    /**
     * Starts an attempt for each of {@code deliveries} (distinct keys) in one statement, and reads the rows it left
     * alone, final ones and those owing an outcome, in a second: returns every delivery's row by its key, with the
     * number of the attempt now started, or as it was (final: nothing to send; owing: its outcome first). So a
     * returned row that is neither final nor owing has had its attempt counted here. Rows are locked in key order, so
     * two such statements over the same rows (a rebalance hands a partition over mid-poll) cannot deadlock.
     *
     * @throws IllegalStateException when another instance kept changing the same rows between the two statements
     */
    Map<Key, DeliveryRow> startAttempts(List<LinkDelivery> deliveries, Instant now) {
        OffsetDateTime at = utc(now);
        Map<Key, DeliveryRow> rows = new HashMap<>(deliveries.size() * 2);
        List<LinkDelivery> toCount = deliveries;
        for (int round = 0; round < 3 && !toCount.isEmpty(); round++) {
            List<LinkDelivery> counting = toCount;
            jdbc.sql(START_ATTEMPTS)
                    .params(at, at, column(counting, LinkDelivery::issuanceEventId), column(counting, d -> d.channel().name()),
                            column(counting, LinkDelivery::tenantId), column(counting, LinkDelivery::userId),
                            column(counting, LinkDelivery::linkId), column(counting, LinkDelivery::correlationId),
                            counting.stream().map(LinkDelivery::resend).toArray(Boolean[]::new),
                            column(counting, LinkDelivery::maskedRecipient))
                    .query(rs -> {
                        rows.put(keyOf(rs), row(rs, 0));
                    });
            List<LinkDelivery> left = counting.stream().filter(d -> !rows.containsKey(Key.of(d))).toList();
            if (left.isEmpty()) {
                break;
            }
            Map<Key, DeliveryRow> leftAlone = new HashMap<>(left.size() * 2);
            jdbc.sql(SELECT_ALL)
                    .params(column(left, LinkDelivery::issuanceEventId), column(left, LinkDelivery::issuanceEventId),
                            column(left, d -> d.channel().name()))
                    .query(rs -> {
                        leftAlone.put(keyOf(rs), row(rs, 0));
                    });
            leftAlone.forEach((key, row) -> {
                if (row.status().isFinal() || row.outcomePending()) {
                    rows.put(key, row);
                }
            });
            // gone between the two statements (finished rows are deleted after 30 days), or settled by another
            // instance meanwhile: counted in the next round
            toCount = left.stream().filter(d -> !rows.containsKey(Key.of(d))).toList();
        }
        if (rows.size() < deliveries.size()) {
            throw new IllegalStateException("the attempts of " + (deliveries.size() - rows.size())
                    + " deliveries could not be counted: another instance kept changing their rows");
        }
        return rows;
    }

    /** Records the results of a poll's attempts in one statement; returns the rows by id. */
    Map<Long, DeliveryRow> recordAll(List<Result> results) {
        Long[] ids = results.stream().map(Result::id).toArray(Long[]::new);
        Map<Long, DeliveryRow> rows = new HashMap<>(results.size() * 2);
        jdbc.sql(RECORD_ALL)
                .params(ids, column(results, result -> result.status().name()), column(results, Result::reason),
                        column(results, Result::providerMessageId), column(results, result -> result.at().toString()), ids)
                .query(rs -> {
                    rows.put(rs.getLong(1), row(rs, 0));
                });
        return rows;
    }

    /** The outcomes of these rows' last attempts are on the log: their next attempts may be counted. */
    void outcomesPublished(List<DeliveryRow> rows) {
        Long[] ids = rows.stream().map(DeliveryRow::id).toArray(Long[]::new);
        jdbc.sql(OUTCOMES_PUBLISHED)
                .params(ids, rows.stream().map(DeliveryRow::attempts).toArray(Integer[]::new), ids)
                .update();
    }

    /** Takes back the attempts {@link #startAttempts} counted on rows {@code ids} whose links were then not sent. */
    void release(List<Long> ids) {
        jdbc.sql(RELEASE).param(ids.toArray(Long[]::new)).update();
    }

    /** Records the result of the current attempt. */
    DeliveryRow record(long id, DeliveryStatus status, String reason, String providerMessageId, Instant now) {
        return jdbc.sql(RECORD)
                .params(status.name(), reason, providerMessageId, utc(now), status == DeliveryStatus.SENT, utc(now), id)
                .query(DeliveryStore::row)
                .single();
    }

    /** The values of a new row, in the order of the insert's columns from {@code link_issued_event_id} to {@code updated_at}. */
    private static Object[] newRow(LinkDelivery delivery, Instant now) {
        OffsetDateTime at = utc(now);
        return new Object[] {delivery.issuanceEventId(), delivery.channel().name(), delivery.tenantId(), delivery.userId(),
                delivery.linkId(), delivery.correlationId(), delivery.resend(), delivery.maskedRecipient(), at, at};
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One column of {@code rows} as an array, bound as an SQL array for {@code unnest}. */
    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** The key that statements returning {@code ROW, link_issued_event_id, channel} append to the row. */
    private static Key keyOf(ResultSet rs) throws SQLException {
        return new Key(rs.getString(8), DeliveryChannel.valueOf(rs.getString(9)));
    }

    private static DeliveryRow row(ResultSet rs, int rowNum) throws SQLException {
        return new DeliveryRow(
                rs.getLong(1), // in the order of ROW
                DeliveryStatus.valueOf(rs.getString(2)),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getBoolean(7));
    }
}
