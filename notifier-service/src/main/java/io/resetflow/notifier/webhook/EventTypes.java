package io.resetflow.notifier.webhook;

import java.util.Map;

/** The event types partners can subscribe to, and their CloudEvents {@code type}. */
final class EventTypes {

    static final Map<String, String> CLOUD_EVENT_TYPE = Map.of(
            "ResetRequested", "io.resetflow.reset.requested",
            "ResetLinkIssued", "io.resetflow.reset.link-issued",
            "DeliveryOutcome", "io.resetflow.delivery.outcome",
            "ResetLinkRedeemed", "io.resetflow.reset.link-redeemed",
            "PasswordChanged", "io.resetflow.password.changed");

    private EventTypes() {
    }

    static boolean known(String type) {
        return CLOUD_EVENT_TYPE.containsKey(type);
    }
}
