package io.resetflow.notifier.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes old finished rows of a table whose {@code id} grows with {@code created_at} (a sequence, rows stamped when
 * inserted): the rows created before a time are an id range, found from the primary key, so the table needs no index
 * on a timestamp (which would cost every update of its rows the HOT path). Deletes in batches, so no statement holds
 * many locks; safe on N instances.
 */
public final class FinishedRows {

    private FinishedRows() {
    }

    /**
     * @param table a table with {@code id}, {@code status} and {@code created_at} (a constant of the caller, never input)
     * @param finished the statuses that may be deleted (constants of the caller)
     * @return the number of rows deleted
     */
    public static int deleteCreatedBefore(JdbcClient jdbc, String table, List<String> finished, Instant before, int batch) {
        Long firstKept = jdbc.sql("""
                        select coalesce((select id from %1$s where created_at >= ? order by id limit 1),
                                        (select max(id) + 1 from %1$s))""".formatted(table))
                .param(before.atOffset(ZoneOffset.UTC)).query(Long.class).optional().orElse(null);
        if (firstKept == null) {
            return 0;
        }
        String statuses = finished.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
        String delete = """
                delete from %1$s where id in (
                    select id from %1$s where id < ? and status in (%2$s) order by id limit ?)""".formatted(table, statuses);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(delete).params(firstKept, batch).update();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
