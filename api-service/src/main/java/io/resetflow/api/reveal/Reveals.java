package io.resetflow.api.reveal;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Records a reveal before the caller shows the link. Console and admin API both go through here, so every path that
 * hands a link to someone other than its owner leaves the same event.
 */
@Service
public class Reveals {

    private static final Logger audit = LoggerFactory.getLogger("io.resetflow.audit.reveal");

    private final LinkRevealPublisher publisher;
    private final Clock clock;

    Reveals(LinkRevealPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Puts the reveal on the log.
     *
     * @param linkId        the link's id (null when a copy was reported without one)
     * @param requestId     the request that issued the link, when known
     * @param issuedEventId the ResetLinkIssued that first carried the link, when known
     * @return the recorded reveal
     * @throws LinkRevealPublisher.NotRecordedException when the log did not take it: do not show the link
     */
    public LinkReveal record(String tenantId, UUID userId, String linkId, String requestId, String issuedEventId,
            LinkReveal.Action action, LinkReveal.ActorType actorType, String actorId, String actorEmail)
            throws LinkRevealPublisher.NotRecordedException {
        LinkReveal reveal = new LinkReveal(UUID.randomUUID(), clock.instant(), tenantId, userId, linkId, requestId,
                issuedEventId, action, actorType, actorId, actorEmail);
        publisher.publish(reveal);
        audit.info("reset link {} to {} {} of tenant {}: user {}, linkId {}, event {}", action, actorType, actorId,
                tenantId, userId, linkId, reveal.eventId());
        return reveal;
    }
}
