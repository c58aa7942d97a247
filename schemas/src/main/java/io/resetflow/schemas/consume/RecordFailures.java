package io.resetflow.schemas.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * How a batch listener reports that one record failed: as a {@link BatchListenerFailedException} of a class that says
 * whether the database was out of reach ({@link DatabaseOutage}). spring-kafka picks a failing record's back-off
 * (the consumers' back-off functions: without end for an outage, a few attempts otherwise) at its first failure, and
 * keeps it while the failures' class stays the same; a plain {@code BatchListenerFailedException} never changes
 * class. So a record that first failed during an outage kept waiting without end once the database was back (a link
 * failing on its own was never dead-lettered, and its partition stayed held), and one that first failed on its own was
 * dead-lettered after its few attempts although the database went away meanwhile. With two sibling classes, each
 * change of cause starts the back-off that fits it.
 */
public final class RecordFailures {

    private RecordFailures() {
    }

    /** Record {@code record} of the poll failed, for {@code cause}. */
    public static BatchListenerFailedException of(String message, Throwable cause, ConsumerRecord<?, ?> record) {
        return DatabaseOutage.causes(cause) ? new DatabaseAway(message, cause, record) : new Other(message, cause, record);
    }

    /** The record at {@code index} in the poll failed, for {@code cause}. */
    public static BatchListenerFailedException of(String message, Throwable cause, int index) {
        return DatabaseOutage.causes(cause) ? new DatabaseAway(message, cause, index) : new Other(message, cause, index);
    }

    /**
     * A batch listener's failure as the error handler should take it: as it is when it names a record (a
     * {@link BatchListenerFailedException} among its causes) or is no listener's failure (a commit that failed), else as
     * the failure of the poll's first record. Listeners name the record that failed themselves; this is for what they
     * did not foresee.
     */
    public static Exception naming(Exception thrown, ConsumerRecords<?, ?> poll) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchListenerFailedException) {
                return thrown;
            }
        }
        if (!(thrown instanceof ListenerExecutionFailedException) || poll == null || poll.isEmpty()) {
            return thrown;
        }
        Throwable cause = thrown.getCause() != null ? thrown.getCause() : thrown;
        return of("not named by the listener: " + cause.getMessage(), cause, poll.iterator().next());
    }

    /** The record failed because the database was out of reach. */
    public static final class DatabaseAway extends BatchListenerFailedException {

        DatabaseAway(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }

        DatabaseAway(String message, Throwable cause, int index) {
            super(message, cause, index);
        }
    }

    /** The record failed for any other reason: its own, or that of something else than the database. */
    public static final class Other extends BatchListenerFailedException {

        Other(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }

        Other(String message, Throwable cause, int index) {
            super(message, cause, index);
        }
    }
}
