package io.resetflow.testsupport;

import java.time.Instant;

/**
 * One captured message. {@code channel} is "email" (later "sms"); {@code body} is the text/plain part.
 */
public record CapturedMessage(String channel, String to, String subject, String body, Instant receivedAt) {
}
