package io.resetflow.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.resetflow.notifier.NotifierIntegrationTestBase;
import io.resetflow.notifier.support.TestMail;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.seal.Mask;

/**
 * A poll's links delivered together ({@link Deliveries#deliverAll}, called directly so that the poll is exactly the
 * given links) against the real PostgreSQL and a real SMTP capture: two statements on {@code deliveries} whatever the
 * poll's size, every link sent once, a link repeated within the poll sent once, and links whose results could not be
 * recorded sent again.
 */
class PollDeliveryIntegrationTest extends NotifierIntegrationTestBase {

    @RegisterExtension
    static final TestMail MAIL = new TestMail();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Autowired
    private Deliveries deliveries;

    @Test
    void a_poll_of_twenty_links_is_two_statements_and_twenty_emails_each_with_its_own_outcome() {
        String tenant = newId("tenant");
        List<LinkDelivery> poll = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            poll.add(link(tenant, newId("user"), newId("poll") + "@example.com"));
        }

        List<OutcomePublisher.Published> published = StatementCount.during(() -> deliveries.deliverAll(poll));
        published.forEach(OutcomePublisher.Published::awaitAcknowledgement);

        assertThat(StatementCount.onDeliveries.get()).as("statements on deliveries for a poll of 20").isEqualTo(2);
        assertThat(published).hasSize(20);
        await().atMost(Duration.ofSeconds(30)).until(() -> poll.stream()
                .allMatch(link -> MAIL.to(link.recipient().value()).size() == 1
                        && outcomes(link.issuanceEventId()).size() == 1));
        for (LinkDelivery link : poll) {
            assertThat(MAIL.to(link.recipient().value())).singleElement()
                    .satisfies(mail -> assertThat(mail.body()).contains(link.link().value()));
            Map<String, Object> row = deliveryRow(link.issuanceEventId());
            assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1);
            assertThat(row.get("sent_at")).isNotNull().isEqualTo(row.get("updated_at"));
            assertThat(outcomes(link.issuanceEventId())).singleElement().satisfies(outcome -> {
                assertThat(outcome.getStatus()).isEqualTo(io.resetflow.schemas.avro.DeliveryStatus.SENT);
                assertThat(outcome.getAttempt()).isEqualTo(1);
                assertThat(outcome.getProviderMessageId()).isEqualTo(row.get("provider_message_id"));
            });
        }
    }

    @Test
    void a_link_twice_in_one_poll_is_sent_once_and_its_outcome_published_twice_alike() {
        String tenant = newId("tenant");
        LinkDelivery twice = link(tenant, newId("user"), newId("twice") + "@example.com");
        LinkDelivery other = link(tenant, newId("user"), newId("other") + "@example.com");

        List<OutcomePublisher.Published> published = deliveries.deliverAll(List.of(twice, other, twice));
        published.forEach(OutcomePublisher.Published::awaitAcknowledgement);

        assertThat(published).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.to(other.recipient().value()).size() == 1);
        assertThat(MAIL.to(twice.recipient().value())).hasSize(1);
        List<DeliveryOutcome> outcomes = awaitOutcomes(twice.issuanceEventId(), 2);
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(deliveryRow(twice.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void a_poll_delivered_again_sends_nothing_and_republishes_every_outcome() {
        String tenant = newId("tenant");
        List<LinkDelivery> poll = List.of(link(tenant, newId("user"), newId("again") + "@example.com"),
                link(tenant, newId("user"), newId("again") + "@example.com"));
        deliveries.deliverAll(poll).forEach(OutcomePublisher.Published::awaitAcknowledgement);

        List<OutcomePublisher.Published> again = StatementCount.during(() -> deliveries.deliverAll(poll));
        again.forEach(OutcomePublisher.Published::awaitAcknowledgement);

        // the start leaves final rows alone and returns none of them: they are read in a second statement
        assertThat(StatementCount.onDeliveries.get()).isEqualTo(2);
        for (LinkDelivery link : poll) {
            List<DeliveryOutcome> outcomes = awaitOutcomes(link.issuanceEventId(), 2);
            assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
            assertThat(MAIL.to(link.recipient().value())).hasSize(1);
            assertThat(deliveryRow(link.issuanceEventId())).containsEntry("attempts", 1);
        }
    }

    @Test
    void links_sent_whose_results_cannot_be_recorded_are_sent_again_when_the_poll_is_redone() {
        String tenant = newId("tenant");
        List<LinkDelivery> poll = List.of(link(tenant, newId("user"), newId("unrecorded") + "@example.com"),
                link(tenant, newId("user"), newId("unrecorded") + "@example.com"));
        // the database refuses the statement that records the poll's results (for this tenant's rows only)
        String trigger = "refuse_results_" + tenant.replace('-', '_');
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'results refused by the test'; end $$").update();
        jdbc.sql("create trigger " + trigger + " before update on deliveries for each row when (new.tenant_id = '"
                + tenant + "' and new.status is distinct from old.status) execute function " + trigger + "()").update();
        Deliveries.PollInterrupted interrupted;
        try {
            interrupted = catchThrowableOfType(Deliveries.PollInterrupted.class, () -> deliveries.deliverAll(poll));
        } finally {
            jdbc.sql("drop trigger " + trigger + " on deliveries").update();
            jdbc.sql("drop function " + trigger + "()").update();
        }

        // reported at the poll's first link: nothing of it is known as sent, though both emails went out
        assertThat(interrupted.index()).isZero();
        assertThat(interrupted.published()).isEmpty();
        assertThat(interrupted.getCause()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("results refused by the test");
        await().atMost(Duration.ofSeconds(10)).until(() -> poll.stream().allMatch(l -> MAIL.to(l.recipient().value()).size() == 1));
        for (LinkDelivery link : poll) {
            assertThat(deliveryRow(link.issuanceEventId())).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        }

        // redone (as the redelivered poll is): at least once, each link is sent again as its second attempt
        deliveries.deliverAll(poll).forEach(OutcomePublisher.Published::awaitAcknowledgement);
        await().atMost(Duration.ofSeconds(10)).until(() -> poll.stream().allMatch(l -> MAIL.to(l.recipient().value()).size() == 2));
        for (LinkDelivery link : poll) {
            assertThat(deliveryRow(link.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 2);
            assertThat(awaitOutcomes(link.issuanceEventId(), 1)).singleElement()
                    .satisfies(outcome -> assertThat(outcome.getAttempt()).isEqualTo(2));
        }
    }

    private static LinkDelivery link(String tenant, String user, String address) {
        String eventId = UUID.randomUUID().toString();
        return new LinkDelivery(eventId, tenant, "corr-" + eventId, user, newId("link"), false,
                Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MILLIS), DeliveryChannel.EMAIL,
                new Secret(address), Mask.address(address),
                new Secret("https://portal.example/" + tenant + "/reset/" + newId("tok")), null);
    }

    /** Counts the statements on {@code deliveries} that the test's own thread prepares, through any connection. */
    @TestConfiguration
    static class StatementCount {

        static final AtomicInteger onDeliveries = new AtomicInteger();
        private static volatile Thread counted;

        static <T> T during(java.util.function.Supplier<T> work) {
            onDeliveries.set(0);
            counted = Thread.currentThread();
            try {
                return work.get();
            } finally {
                counted = null;
            }
        }

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? new Counting(dataSource) : bean;
                }
            };
        }

        private static final class Counting extends DelegatingDataSource {

            Counting(DataSource target) {
                super(target);
            }

            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                                    && sql.contains("deliveries") && Thread.currentThread() == counted) {
                                onDeliveries.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        }
    }
}
