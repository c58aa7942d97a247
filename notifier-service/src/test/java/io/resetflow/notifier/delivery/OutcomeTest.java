package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static final String ISSUANCE = "6f1c2a52-8d0e-4c1b-9d43-2b4f1d0c9e11";

    @Test
    void the_same_issuance_channel_and_attempt_always_give_the_same_event_id() {
        String first = Outcome.eventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 1);
        String again = Outcome.eventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 1);

        assertThat(again).isEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(3);
    }

    @Test
    void another_attempt_channel_or_issuance_gives_another_event_id() {
        String first = Outcome.eventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 1);

        assertThat(Outcome.eventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 2)).isNotEqualTo(first);
        assertThat(Outcome.eventIdOf(ISSUANCE, DeliveryChannel.SMS, 1)).isNotEqualTo(first);
        assertThat(Outcome.eventIdOf(UUID.randomUUID().toString(), DeliveryChannel.EMAIL, 1)).isNotEqualTo(first);
    }

    @Test
    void the_dead_letter_note_has_an_event_id_of_its_own_and_a_stable_one() {
        String dead = Outcome.deadLetteredEventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 3);

        assertThat(dead).isNotEqualTo(Outcome.eventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 3))
                .isEqualTo(Outcome.deadLetteredEventIdOf(ISSUANCE, DeliveryChannel.EMAIL, 3));
    }

    @Test
    void an_outcome_has_an_attempt_from_one() {
        assertThatThrownBy(() -> new Outcome("id", Instant.EPOCH, "t", "c", ISSUANCE, "u", "l", DeliveryChannel.EMAIL,
                "j***@example.com", DeliveryStatus.SENT, 0, null, "<m@x>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secrets_never_show_in_to_string() {
        LinkDelivery delivery = new LinkDelivery(ISSUANCE, "t", "c", "u", "l", false, Instant.EPOCH,
                DeliveryChannel.EMAIL, new Secret("jane@example.com"), "j***@example.com",
                new Secret("https://portal.example/reset/secret-token"), "en");

        assertThat(delivery.toString()).doesNotContain("jane@example.com").doesNotContain("secret-token")
                .contains("j***@example.com");
    }
}
