package io.resetflow.notifier.email;

import io.resetflow.notifier.messaging.MessagingProbe;
import io.resetflow.schemas.avro.ResetLinkIssued;

/** Deliberately breaks two rules (Avro outside messaging, email using messaging) so ArchitectureTest proves they fail. */
public class ViolatesBoundaries {

    public String linkOf(ResetLinkIssued event) {
        return event.getLinkId();
    }

    public MessagingProbe reachIntoMessaging() {
        return new MessagingProbe();
    }
}
