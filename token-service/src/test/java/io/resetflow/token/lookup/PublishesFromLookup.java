package io.resetflow.token.lookup;

import io.resetflow.token.outbox.Outbox;

/** Test fixture: a lookup class that would publish, which the architecture rule must refuse. */
class PublishesFromLookup {

    void publish(Outbox outbox) {
        outbox.append("e", "T", "topic", "k", new byte[0]);
    }
}
