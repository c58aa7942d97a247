package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TopicLogTest {

    @Test
    void a_dead_letter_is_described_by_its_key_group_and_exception_and_missing_headers_show_as_dashes() {
        ConsumerRecord<String, byte[]> dead = new ConsumerRecord<>("t.dlt", 0, 7L, "tenant:user", new byte[0]);
        dead.headers().add("kafka_dlt-original-consumer-group", "notifier-webhooks".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("kafka_dlt-exception-fqcn", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));

        assertThat(TopicLog.describeDeadLetter(dead))
                .isEqualTo("key tenant:user from group notifier-webhooks: java.lang.IllegalStateException: -");
    }
}
