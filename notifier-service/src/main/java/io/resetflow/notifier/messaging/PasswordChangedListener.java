package io.resetflow.notifier.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.resetflow.notifier.delivery.PasswordChangeNotice;
import io.resetflow.notifier.delivery.PasswordChangeNotices;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.avro.PasswordChanged;
import io.resetflow.schemas.seal.Sealer;

/** Consumes PasswordChanged and emails the "your password was changed" notice (once per eventId). */
@Component
class PasswordChangedListener {

    private final PasswordChangeNotices notices;
    private final Sealer sealer;

    PasswordChangedListener(PasswordChangeNotices notices, Sealer sealer) {
        this.notices = notices;
        this.sealer = sealer;
    }

    @KafkaListener(id = "password-changed", idIsGroup = false, topics = Topics.PASSWORD_CHANGED)
    void on(SpecificRecord value) {
        if (!(value instanceof PasswordChanged event)) {
            throw new UnusableEventException("not a PasswordChanged: "
                    + (value == null ? "null" : value.getSchema().getFullName()), null);
        }
        PasswordChangeNotice notice;
        try {
            notice = AvroMapping.toDomain(event, sealer);
        } catch (Sealer.SealException | IllegalArgumentException | NullPointerException e) {
            throw new UnusableEventException("unusable PasswordChanged " + event.getEventId() + ": " + e.getMessage(), e);
        }
        notices.notify(notice);
    }
}
