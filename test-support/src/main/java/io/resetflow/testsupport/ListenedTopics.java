package io.resetflow.testsupport;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The topics a service's listener containers read, for the check that each has its dead-letter topic declared: a
 * broker that does not create topics on first use (the usual production setting) must still take every dead letter.
 */
public final class ListenedTopics {

    private ListenedTopics() {
    }

    public static Set<String> of(KafkaListenerEndpointRegistry listeners) {
        return listeners.getListenerContainers().stream()
                .flatMap(container -> Arrays.stream(container.getContainerProperties().getTopics()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The topics read whose dead-letter topic ({@code deadLetter} of the topic's name) is not among {@code declared}. */
    public static Set<String> withoutDeadLetterTopic(KafkaListenerEndpointRegistry listeners,
            Collection<NewTopic> declared, UnaryOperator<String> deadLetter) {
        Set<String> names = declared.stream().map(NewTopic::name).collect(Collectors.toSet());
        return of(listeners).stream().filter(topic -> !names.contains(deadLetter.apply(topic)))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
