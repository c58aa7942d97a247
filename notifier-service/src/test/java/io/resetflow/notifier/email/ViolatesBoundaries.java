package io.resetflow.notifier.email;

import io.resetflow.notifier.messaging.EventValueSerializer;
import io.resetflow.schemas.avro.ResetLinkIssued;

/** Deliberately breaks two rules (Avro outside messaging, email using messaging) so ArchitectureTest proves they fail. */
public class ViolatesBoundaries {

    public String linkOf(ResetLinkIssued event) {
        return event.getLinkId();
    }

    public byte[] encode(ResetLinkIssued event) {
        return new EventValueSerializer().serialize("x", event);
    }
}
