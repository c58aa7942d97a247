package io.resetflow.audit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.resetflow.schemas.avro.Channel;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.avro.DeliveryStatus;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.avro.ResetLinkIssued;
import io.resetflow.schemas.avro.ResetLinkRedeemed;
import io.resetflow.schemas.avro.ResetLinkRevealed;
import io.resetflow.schemas.avro.ResetRequestThrottled;
import io.resetflow.schemas.avro.ResetRequested;
import io.resetflow.schemas.avro.TenantSettingsChanged;
import io.resetflow.schemas.seal.Mask;
import io.resetflow.schemas.seal.Sealer;

/** Builds realistic events of the current schemas, as the services write them, with a real sealing key. */
final class Events {

    static final String KEY_ID = "k-audit-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String tenantId;
    private final Sealer sealer;
    private Instant clock;

    Events(String tenantId, Instant start) {
        this.tenantId = tenantId;
        this.clock = start;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.sealer = Sealer.of(KEY_ID, Map.of(KEY_ID, Base64.getEncoder().encodeToString(key)));
    }

    /** The next event time: one second after the previous one. */
    Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A token as token-service mints it: 32 random bytes, unpadded base64url. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    TenantSettingsChanged settings() {
        String id = id();
        return TenantSettingsChanged.newBuilder().setEventId(id).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(id).setCausationId(id).setChangedBy("admin-1")
                .setLinkBaseUrl("https://" + tenantId + ".example").setTokenTtlSeconds(Duration.ofDays(7).toSeconds())
                .setReuseWindowSeconds(Duration.ofHours(16).toSeconds()).setDeliveriesPerUserPerHour(5)
                .setRevealUnknownAccounts(false).setSenderName("Acme").setSenderAddress("no-reply@acme.example")
                .setSmsAllowedCountryCodes(List.of("1")).build();
    }

    ResetRequested requested(String userId, Channel channel, String address) {
        String requestId = id();
        return ResetRequested.newBuilder().setEventId(id()).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(requestId).setCausationId(requestId).setUserId(userId).setOrigin("API")
                .setChannel(channel)
                .setRecipient(address == null ? null : sealer.seal(address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(address == null ? null : Mask.address(address))
                .setLinkBaseUrl("https://" + tenantId + ".example").setTokenTtlSeconds(Duration.ofDays(7).toSeconds())
                .setReuseWindowSeconds(Duration.ofHours(16).toSeconds()).setDeliveriesPerUserPerHour(5)
                .setReturnToken(channel == Channel.NONE).build();
    }

    ResetLinkIssued issued(ResetRequested request, String linkId, boolean resend, Instant issuedAt, Instant expiresAt,
            String address) {
        String link = "https://" + tenantId + ".example/reset/" + token();
        return ResetLinkIssued.newBuilder().setEventId(id()).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(request.getCorrelationId()).setCausationId(request.getEventId())
                .setUserId(request.getUserId()).setLinkId(linkId).setResend(resend).setIssuedAt(issuedAt)
                .setExpiresAt(expiresAt).setChannel(request.getChannel())
                .setRecipient(sealer.seal(address == null ? "" : address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(address == null ? "" : Mask.address(address))
                .setLink(sealer.seal(link, "link:" + tenantId).toAvro()).build();
    }

    DeliveryOutcome outcome(ResetLinkIssued issued, DeliveryStatus status, String reason) {
        return DeliveryOutcome.newBuilder().setEventId(id()).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(issued.getCorrelationId()).setCausationId(issued.getEventId())
                .setUserId(issued.getUserId()).setLinkId(issued.getLinkId()).setChannel(issued.getChannel())
                .setMaskedRecipient(issued.getMaskedRecipient()).setStatus(status).setAttempt(1).setReason(reason)
                .setProviderMessageId(status == DeliveryStatus.SENT ? "<" + id() + "@smtp.local>" : null).build();
    }

    ResetRequestThrottled throttled(ResetRequested request) {
        return ResetRequestThrottled.newBuilder().setEventId(id()).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(request.getCorrelationId()).setCausationId(request.getEventId())
                .setUserId(request.getUserId()).setChannel(request.getChannel())
                .setMaskedRecipient(request.getMaskedRecipient()).setDeliveriesInWindow(5).setLimit(5)
                .setWindowSeconds(3600).build();
    }

    ResetLinkRedeemed redeemed(ResetLinkIssued firstIssue) {
        return redeemed(firstIssue, tick());
    }

    ResetLinkRedeemed redeemed(ResetLinkIssued firstIssue, Instant at) {
        return ResetLinkRedeemed.newBuilder().setEventId(id()).setOccurredAt(at).setTenantId(tenantId)
                .setCorrelationId(firstIssue.getCorrelationId()).setCausationId(firstIssue.getEventId())
                .setUserId(firstIssue.getUserId()).setLinkId(firstIssue.getLinkId())
                .setIssuedAt(firstIssue.getIssuedAt()).setExpiresAt(firstIssue.getExpiresAt()).setVia("PAGE").build();
    }

    /** An admin saw a link in the console at {@code at}. */
    ResetLinkRevealed revealed(ResetLinkIssued firstIssue, Instant at) {
        return ResetLinkRevealed.newBuilder().setEventId(id()).setOccurredAt(at).setTenantId(tenantId)
                .setCorrelationId(firstIssue.getCorrelationId()).setCausationId(firstIssue.getEventId())
                .setUserId(firstIssue.getUserId()).setLinkId(firstIssue.getLinkId()).setAction("SHOWN")
                .setActorType("ADMIN").setActorId(id()).setMaskedActor("a***@example.com").build();
    }

    PasswordChanged passwordChanged(ResetLinkRedeemed redeemed, String address) {
        return PasswordChanged.newBuilder().setEventId(id()).setOccurredAt(tick()).setTenantId(tenantId)
                .setCorrelationId(redeemed.getCorrelationId()).setCausationId(redeemed.getCorrelationId())
                .setUserId(redeemed.getUserId()).setLinkId(redeemed.getLinkId()).setVia("RESET_PAGE")
                .setRecipient(sealer.seal(address, "recipient:" + tenantId).toAvro())
                .setMaskedRecipient(Mask.address(address)).build();
    }
}
