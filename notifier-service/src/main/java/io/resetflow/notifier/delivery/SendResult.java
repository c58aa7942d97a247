package io.resetflow.notifier.delivery;

/** What a channel answered to one send. */
public sealed interface SendResult {

    /** Accepted by the provider; {@code messageId} is the SMTP Message-ID or the provider's id. */
    record Sent(String messageId) implements SendResult {
    }

    /**
     * Not sent. {@code permanent}: retrying cannot help (recipient rejected, channel unsupported); otherwise a
     * temporary fault (connection, 4xx) worth retrying. {@code reason} never holds the clear address or link.
     */
    record Failed(boolean permanent, String reason) implements SendResult {
    }

    /** Refused by an anti-abuse guard (e.g. the daily SMS cap per number); final, not retried. */
    record Throttled(String reason) implements SendResult {
    }
}
