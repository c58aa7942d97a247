package io.resetflow.notifier.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.schemas.Topics;
import io.resetflow.testsupport.ListenedTopics;

/**
 * A broker that does not create topics on first use (the usual production setting) must still take every dead letter
 * this service can write: each topic its listeners read has its dead-letter topic declared.
 */
class DeadLetterTopicsIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private List<NewTopic> declared;

    @Test
    void every_topic_a_listener_reads_has_its_dead_letter_topic_declared() {
        assertThat(ListenedTopics.of(listeners))
                .contains(Topics.LINK_ISSUED, Topics.PASSWORD_CHANGED, Topics.TENANT_SETTINGS, Topics.LINK_REDEEMED);
        assertThat(ListenedTopics.withoutDeadLetterTopic(listeners, declared, Topics::deadLetter)).isEmpty();
    }
}
