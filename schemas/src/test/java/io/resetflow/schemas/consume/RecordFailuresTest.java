package io.resetflow.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class RecordFailuresTest {

    private static final ConsumerRecord<String, String> RECORD = new ConsumerRecord<>("t", 2, 41L, "k", "v");
    private static final RuntimeException OUTAGE = new IllegalStateException("wrapped",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
    private static final RuntimeException OWN = new IllegalArgumentException("the record's own fault");

    @Test
    void a_failure_is_typed_by_whether_the_database_was_out_of_reach_and_names_its_record() {
        BatchListenerFailedException away = RecordFailures.of("away", OUTAGE, RECORD);
        BatchListenerFailedException other = RecordFailures.of("other", OWN, 3);

        assertThat(away).isInstanceOf(RecordFailures.DatabaseAway.class).hasCause(OUTAGE);
        assertThat(away.getRecord()).isSameAs(RECORD);
        assertThat(other).isInstanceOf(RecordFailures.Other.class).hasCause(OWN);
        assertThat(other.getIndex()).isEqualTo(3);
        assertThat(RecordFailures.of("away", OUTAGE, 0)).isInstanceOf(RecordFailures.DatabaseAway.class);
        assertThat(RecordFailures.of("other", OWN, RECORD)).isInstanceOf(RecordFailures.Other.class);
    }

    /**
     * spring-kafka's FailedRecordTracker starts a new back-off for a record when the new failure's class does not
     * accept the last one ({@code newClass.isInstance(last)}): that must hold in both directions.
     */
    @Test
    void neither_kind_is_an_instance_of_the_other_so_a_change_of_cause_starts_a_new_back_off() {
        BatchListenerFailedException away = RecordFailures.of("away", OUTAGE, RECORD);
        BatchListenerFailedException other = RecordFailures.of("other", OWN, RECORD);

        assertThat(other.getClass().isInstance(away)).isFalse();
        assertThat(away.getClass().isInstance(other)).isFalse();
    }

    @Test
    void a_listener_failure_that_names_no_record_is_taken_as_the_polls_first_records() {
        ConsumerRecord<String, String> second = new ConsumerRecord<>("t", 2, 42L, "k", "v");
        ConsumerRecords<String, String> poll = new ConsumerRecords<>(Map.of(new TopicPartition("t", 2), List.of(RECORD, second)),
                Map.of());

        Exception named = RecordFailures.naming(new ListenerExecutionFailedException("Listener failed", OUTAGE), poll);
        assertThat(named).isInstanceOf(RecordFailures.DatabaseAway.class).hasCause(OUTAGE);
        assertThat(((BatchListenerFailedException) named).getRecord()).isSameAs(RECORD);
        assertThat(RecordFailures.naming(new ListenerExecutionFailedException("Listener failed", OWN), poll))
                .isInstanceOf(RecordFailures.Other.class).hasCause(OWN);
    }

    @Test
    void a_failure_that_names_its_record_or_is_no_listeners_is_left_as_it_is() {
        ConsumerRecords<String, String> poll = new ConsumerRecords<>(Map.of(new TopicPartition("t", 2), List.of(RECORD)),
                Map.of());
        Exception listenerNamed = new ListenerExecutionFailedException("Listener failed",
                RecordFailures.of("second failed", OWN, 1));
        Exception commit = new CommitFailedException();

        assertThat(RecordFailures.naming(listenerNamed, poll)).isSameAs(listenerNamed);
        assertThat(RecordFailures.naming(commit, poll)).isSameAs(commit);
        Exception empty = new ListenerExecutionFailedException("Listener failed", OWN);
        assertThat(RecordFailures.naming(empty, ConsumerRecords.empty())).isSameAs(empty);
    }
}
