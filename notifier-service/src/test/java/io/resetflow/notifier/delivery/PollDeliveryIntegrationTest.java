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
import java.util.function.UnaryOperator;

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
import io.resetflow.notifier.tenant.Tenants;
import io.resetflow.schemas.avro.DeliveryOutcome;
import io.resetflow.schemas.seal.Mask;

/**
 * A poll's links delivered together ({@link Deliveries#deliverAll}, called directly so that the poll is exactly the
 * given links) against the real PostgreSQL and a real SMTP capture: two statements on {@code deliveries} whatever the
 * poll's size, every link sent once, a link repeated within the poll sent once, and links whose results could not be
 * recorded sent again; a poll stopped by a gateway that throws, or by a tenant's settings that cannot be read, delivers
 * the links before the failure, counts no attempt it did not make, and is redone from there; so is a poll whose
 * outcome the producer refuses at once.
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

    @Autowired
    private Tenants tenants;

    @Test
    void a_poll_of_twenty_links_is_two_statements_and_twenty_emails_each_with_its_own_outcome() {
        String tenant = newId("tenant");
        List<LinkDelivery> poll = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            poll.add(link(tenant, newId("user"), newId("poll") + "@example.com"));
        }

        List<OutcomePublisher.Published> published = DatabaseProbe.counting(() -> deliveries.deliverAll(poll));
        published.forEach(OutcomePublisher.Published::awaitAcknowledgement);

        assertThat(DatabaseProbe.onDeliveries.get()).as("statements on deliveries for a poll of 20").isEqualTo(2);
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

        List<OutcomePublisher.Published> again = DatabaseProbe.counting(() -> deliveries.deliverAll(poll));
        again.forEach(OutcomePublisher.Published::awaitAcknowledgement);

        // the start leaves final rows alone and returns none of them: they are read in a second statement
        assertThat(DatabaseProbe.onDeliveries.get()).isEqualTo(2);
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

    @Test
    void a_send_that_throws_stops_the_poll_at_its_link_keeps_its_attempt_and_takes_back_the_rest() {
        String tenant = newId("tenant");
        LinkDelivery before = link(tenant, newId("user"), newId("before") + "@example.com");
        LinkDelivery throwing = link(tenant, newId("user"), newId("gateway") + ThrowingGateway.DOMAIN);
        LinkDelivery after = link(tenant, newId("user"), newId("after") + "@example.com");
        List<LinkDelivery> poll = List.of(before, throwing, after);

        Deliveries.PollInterrupted interrupted =
                catchThrowableOfType(Deliveries.PollInterrupted.class, () -> deliveries.deliverAll(poll));

        // reported at the link whose send threw, with the outcome of the link before it
        assertThat(interrupted.index()).isEqualTo(1);
        assertThat(interrupted.getCause()).isInstanceOf(IllegalStateException.class).hasMessage(ThrowingGateway.MESSAGE);
        assertThat(interrupted.published()).hasSize(1);
        interrupted.published().forEach(OutcomePublisher.Published::awaitAcknowledgement);
        assertThat(awaitOutcomes(before.issuanceEventId(), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.getStatus()).isEqualTo(io.resetflow.schemas.avro.DeliveryStatus.SENT));
        assertThat(deliveryRow(before.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        // whether it went out is unknown: its attempt stays counted, nothing is recorded or published for it
        assertThat(deliveryRow(throwing.issuanceEventId())).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat(outcomes(throwing.issuanceEventId())).isEmpty();
        // not tried: its counted attempt is taken back and nothing was sent
        assertThat(deliveryRow(after.issuanceEventId())).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        assertThat(MAIL.to(after.recipient().value())).isEmpty();
        assertThat(outcomes(after.issuanceEventId())).isEmpty();

        // the error handler redelivers from the failed record on: once the gateway answers, attempt 2 and attempt 1
        ThrowingGateway.healed = true;
        try {
            deliveries.deliverAll(poll.subList(1, 3)).forEach(OutcomePublisher.Published::awaitAcknowledgement);
        } finally {
            ThrowingGateway.healed = false;
        }
        assertThat(deliveryRow(throwing.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 2);
        assertThat(deliveryRow(after.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.to(after.recipient().value()).size() == 1
                && MAIL.to(throwing.recipient().value()).size() == 1);
        assertThat(MAIL.to(before.recipient().value())).hasSize(1);
    }

    @Test
    void a_tenant_whose_settings_cannot_be_read_stops_the_poll_after_the_links_before_it_went_out() {
        String cachedTenant = newId("tenant");
        String unreadTenant = newId("tenant");
        LinkDelivery before = link(cachedTenant, newId("user"), newId("before") + "@example.com");
        LinkDelivery unread = link(unreadTenant, newId("user"), newId("unread") + "@example.com");
        LinkDelivery after = link(cachedTenant, newId("user"), newId("after") + "@example.com");
        tenants.find(cachedTenant); // read now; kept for Tenants.CACHE_TTL, so only the other tenant's read fails

        Deliveries.PollInterrupted interrupted = catchThrowableOfType(Deliveries.PollInterrupted.class,
                () -> DatabaseProbe.refusing("tenant_settings", () -> deliveries.deliverAll(List.of(before, unread, after))));

        assertThat(interrupted.index()).isEqualTo(1);
        assertThat(interrupted.getCause()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining(DatabaseProbe.REFUSED);
        assertThat(interrupted.published()).hasSize(1);
        interrupted.published().forEach(OutcomePublisher.Published::awaitAcknowledgement);
        assertThat(deliveryRow(before.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.to(before.recipient().value()).size() == 1);
        // neither the link whose tenant could not be read nor the one after it was started, let alone sent
        assertThat(jdbc.sql("select count(*) from deliveries where link_issued_event_id in (?, ?)")
                .params(unread.issuanceEventId(), after.issuanceEventId()).query(Long.class).single()).isZero();
        assertThat(MAIL.to(unread.recipient().value())).isEmpty();
        assertThat(MAIL.to(after.recipient().value())).isEmpty();

        // redelivered from the failed record on, with the database answering again
        deliveries.deliverAll(List.of(unread, after)).forEach(OutcomePublisher.Published::awaitAcknowledgement);
        assertThat(deliveryRow(unread.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(deliveryRow(after.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void an_outcome_the_producer_refuses_at_once_stops_the_poll_at_its_link_and_nothing_is_sent_twice() {
        String tenant = newId("tenant");
        LinkDelivery before = link(tenant, newId("user"), newId("before") + "@example.com");
        LinkDelivery refused = link(tenant, newId("user"), newId("refused") + RefusingPublisher.DOMAIN);
        LinkDelivery after = link(tenant, newId("user"), newId("after") + "@example.com");
        List<LinkDelivery> poll = List.of(before, refused, after);

        Deliveries.PollInterrupted interrupted =
                catchThrowableOfType(Deliveries.PollInterrupted.class, () -> deliveries.deliverAll(poll));

        // reported at the link whose outcome was refused (not as the whole poll's failure), after the link before it
        assertThat(interrupted.index()).isEqualTo(1);
        assertThat(interrupted.getCause()).hasMessage(RefusingPublisher.MESSAGE);
        assertThat(interrupted.published()).hasSize(1);
        interrupted.published().forEach(OutcomePublisher.Published::awaitAcknowledgement);
        // all three were sent and recorded before the outcomes were handed over
        for (LinkDelivery link : poll) {
            assertThat(deliveryRow(link.issuanceEventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        }

        // the error handler redelivers from the refused record on: the rows are final, the outcomes re-published
        RefusingPublisher.healed = true;
        try {
            deliveries.deliverAll(poll.subList(1, 3)).forEach(OutcomePublisher.Published::awaitAcknowledgement);
        } finally {
            RefusingPublisher.healed = false;
        }
        assertThat(awaitOutcomes(refused.issuanceEventId(), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.getAttempt()).isEqualTo(1));
        assertThat(awaitOutcomes(after.issuanceEventId(), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.getAttempt()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> poll.stream()
                .allMatch(link -> MAIL.to(link.recipient().value()).size() == 1));
        for (LinkDelivery link : poll) {
            assertThat(MAIL.to(link.recipient().value())).hasSize(1);
        }
    }

    private static LinkDelivery link(String tenant, String user, String address) {
        String eventId = UUID.randomUUID().toString();
        return new LinkDelivery(eventId, tenant, "corr-" + eventId, user, newId("link"), false,
                Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MILLIS), DeliveryChannel.EMAIL,
                new Secret(address), Mask.address(address),
                new Secret("https://portal.example/" + tenant + "/reset/" + newId("tok")), null);
    }

    /**
     * Counts the statements on {@code deliveries} that the test's own thread prepares, through any connection; and
     * refuses, on that thread, to prepare statements naming a table, as a database out of reach would.
     */
    @TestConfiguration
    static class DatabaseProbe {

        static final String REFUSED = "statement refused by the test";
        static final AtomicInteger onDeliveries = new AtomicInteger();
        private static volatile Thread counted;
        private static volatile Thread refusedTo;
        private static volatile String refusedTable;

        static <T> T refusing(String table, java.util.function.Supplier<T> work) {
            refusedTable = table;
            refusedTo = Thread.currentThread();
            try {
                return work.get();
            } finally {
                refusedTo = null;
            }
        }

        static <T> T counting(java.util.function.Supplier<T> work) {
            onDeliveries.set(0);
            counted = Thread.currentThread();
            try {
                return work.get();
            } finally {
                counted = null;
            }
        }

        @Bean
        static BeanPostProcessor probingDataSource() {
            return decorating(DataSource.class, Probing::new);
        }

        private static final class Probing extends DelegatingDataSource {

            Probing(DataSource target) {
                super(target);
            }

            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                                if (sql.contains("deliveries") && Thread.currentThread() == counted) {
                                    onDeliveries.incrementAndGet();
                                }
                                if (Thread.currentThread() == refusedTo && sql.contains(refusedTable)) {
                                    throw new SQLException(REFUSED, "08006");
                                }
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

    /**
     * The real outcome publisher, except that it throws at once (as KafkaTemplate does when the producer fails a
     * send before it is under way: no metadata in time, a full buffer) for outcomes to addresses in {@link #DOMAIN}
     * until {@link #healed}.
     */
    @TestConfiguration
    static class RefusingPublisher {

        static final String DOMAIN = "@unpublished.example";
        static final String MESSAGE = "outcome refused at once (test)";
        static volatile boolean healed;

        @Bean
        static BeanPostProcessor refusingOutcomePublisher() {
            return decorating(OutcomePublisher.class, publisher -> outcome -> {
                if (!healed && outcome.maskedRecipient().endsWith(DOMAIN)) {
                    throw new IllegalStateException(MESSAGE);
                }
                return publisher.publish(outcome);
            });
        }
    }

    /**
     * The real email gateway, except that it throws (instead of answering a {@link SendResult}) for addresses in
     * {@link #DOMAIN} until {@link #healed}: a fault at the edge that no SMTP reply produces.
     */
    @TestConfiguration
    static class ThrowingGateway {

        static final String DOMAIN = "@throws.example";
        static final String MESSAGE = "gateway failed (test)";
        static volatile boolean healed;

        @Bean
        static BeanPostProcessor throwingEmailGateway() {
            return decorating(EmailGateway.class, gateway -> (EmailGateway) Proxy.newProxyInstance(
                    EmailGateway.class.getClassLoader(), new Class<?>[] {EmailGateway.class}, (proxy, method, args) -> {
                        if (!healed && args != null && args.length > 1 && args[1] instanceof Secret address
                                && address.value().endsWith(DOMAIN)) {
                            throw new IllegalStateException(MESSAGE);
                        }
                        try {
                            return method.invoke(gateway, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }
    }

    /** Hands every bean of {@code type} to {@code decorator}: a fault injected around a real part. */
    private static <T> BeanPostProcessor decorating(Class<T> type, UnaryOperator<T> decorator) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return type.isInstance(bean) ? decorator.apply(type.cast(bean)) : bean;
            }
        };
    }
}
