package io.resetflow.schemas;

/**
 * Every topic name, record key and dead-letter convention in one place, so that no listener or
 * publisher spells a topic itself and auditors can script against fixed names.
 */
public final class Topics {

    public static final String RESET_REQUESTED = "reset.requested";
    public static final String LINK_ISSUED = "reset.link-issued";
    public static final String LINK_REDEEMED = "reset.link-redeemed";
    public static final String THROTTLED = "reset.throttled";
    public static final String PASSWORD_CHANGED = "password.changed";
    /** Every time a live link is shown to or copied by someone other than its owner (admin console, admin API). */
    public static final String LINK_REVEALED = "reset.link-revealed";
    public static final String DELIVERY_OUTCOME = "delivery.outcome";
    /** Compacted: the latest settings per tenant. */
    public static final String TENANT_SETTINGS = "tenant.settings";

    /**
     * Partner webhook messages whose retry schedule ran out: the CloudEvents JSON body as it was last sent, with the
     * {@code rf-webhook-*} headers of {@link EventHeaders}. Not an event topic: operators read it, the delivery log
     * and the admin API's re-send act on it.
     */
    public static final String PARTNER_WEBHOOK_DEAD_LETTERS = "partner-webhooks.dlt";

    /** Suffix of the dead-letter topic of each topic. */
    public static final String DLT_SUFFIX = ".dlt";

    /** The audited event topics, in the order a reset flows through them. */
    public static final java.util.List<String> EVENT_TOPICS = java.util.List.of(
            RESET_REQUESTED, LINK_ISSUED, THROTTLED, DELIVERY_OUTCOME, LINK_REVEALED, LINK_REDEEMED, PASSWORD_CHANGED);

    /** The topic of each event type, by the event's simple name. */
    public static final java.util.Map<String, String> TOPIC_BY_EVENT = java.util.Map.of(
            "ResetRequested", RESET_REQUESTED,
            "ResetLinkIssued", LINK_ISSUED,
            "ResetRequestThrottled", THROTTLED,
            "DeliveryOutcome", DELIVERY_OUTCOME,
            "ResetLinkRevealed", LINK_REVEALED,
            "ResetLinkRedeemed", LINK_REDEEMED,
            "PasswordChanged", PASSWORD_CHANGED,
            "TenantSettingsChanged", TENANT_SETTINGS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    /** Record key: all events of one user land in one partition, in order. */
    public static String key(String tenantId, String userId) {
        return tenantId + ":" + (userId == null ? "unknown" : userId);
    }
}
