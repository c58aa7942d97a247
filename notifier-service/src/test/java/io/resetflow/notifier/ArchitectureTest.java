package io.resetflow.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries of notifier-service; every package a rule names exists, and the rules are shown to fail. */
class ArchitectureTest {

    private static final String BASE = "io.resetflow.notifier";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    static final ArchRule AVRO_ONLY_IN_MESSAGING = noClasses()
            .that().resideOutsideOfPackage(BASE + ".messaging..")
            .should().dependOnClassesThat().resideInAPackage("io.resetflow.schemas.avro..")
            .because("Avro-generated classes stay at the Kafka edge and are mapped to the delivery records there");

    static final ArchRule KAFKA_ONLY_IN_MESSAGING = noClasses()
            .that().resideOutsideOfPackage(BASE + ".messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("delivering does not know how events travel");

    static final ArchRule EMAIL_DOES_NOT_DEPEND_ON_MESSAGING = noClasses()
            .that().resideInAPackage(BASE + ".email..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".messaging..")
            .because("the email channel sends mail; it neither reads nor publishes events");

    static final ArchRule DELIVERY_DOES_NOT_DEPEND_ON_ITS_ADAPTERS = noClasses()
            .that().resideInAPackage(BASE + ".delivery..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + ".email..", BASE + ".messaging..",
                    "jakarta.mail..", "org.springframework.mail..")
            .because("the use case talks to its channels and the broker through its own interfaces");

    static final ArchRule CHANNELS_DO_NOT_DEPEND_ON_MESSAGING = noClasses()
            .that().resideInAnyPackage(BASE + ".sms..", BASE + ".setpassword..", BASE + ".webhook..",
                    BASE + ".outbound..", BASE + ".tenant..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".messaging..")
            .because("channels and features neither read nor publish events; the Kafka edge calls them");

    static final ArchRule TWILIO_ONLY_IN_SMS = noClasses()
            .that().resideOutsideOfPackage(BASE + ".sms..")
            .should().dependOnClassesThat().resideInAPackage("com.twilio..")
            .because("the Twilio client is an implementation detail of the SMS channel");

    static final ArchRule TENANT_IS_A_LEAF = noClasses()
            .that().resideInAPackage(BASE + ".tenant..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + ".delivery..", BASE + ".email..",
                    BASE + ".sms..", BASE + ".webhook..", BASE + ".setpassword..", BASE + ".outbound..")
            .because("tenant settings are read by the channels, never the other way round");

    static final ArchRule NO_CYCLES = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    @Test
    void avro_generated_classes_are_used_only_by_messaging() {
        AVRO_ONLY_IN_MESSAGING.check(CLASSES);
    }

    @Test
    void kafka_is_used_only_by_messaging() {
        KAFKA_ONLY_IN_MESSAGING.check(CLASSES);
    }

    @Test
    void email_does_not_depend_on_messaging() {
        EMAIL_DOES_NOT_DEPEND_ON_MESSAGING.check(CLASSES);
    }

    @Test
    void delivery_does_not_depend_on_email_messaging_or_mail_apis() {
        DELIVERY_DOES_NOT_DEPEND_ON_ITS_ADAPTERS.check(CLASSES);
    }

    @Test
    void channels_and_features_do_not_depend_on_messaging() {
        CHANNELS_DO_NOT_DEPEND_ON_MESSAGING.check(CLASSES);
    }

    @Test
    void twilio_is_used_only_by_sms() {
        TWILIO_ONLY_IN_SMS.check(CLASSES);
    }

    @Test
    void tenant_depends_on_no_feature() {
        TENANT_IS_A_LEAF.check(CLASSES);
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        NO_CYCLES.check(CLASSES);
    }

    @Test
    void every_package_the_rules_name_exists() {
        for (String pkg : new String[]{"messaging", "email", "delivery", "config", "tenant", "sms",
                "setpassword", "outbound", "webhook"}) {
            assertThat(CLASSES.containPackage(BASE + "." + pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void the_avro_rule_fails_on_a_class_outside_messaging_that_uses_an_avro_event() {
        assertThat(AVRO_ONLY_IN_MESSAGING.evaluate(violations()).hasViolation()).isTrue();
    }

    @Test
    void the_email_rule_fails_on_an_email_class_that_uses_messaging() {
        assertThat(EMAIL_DOES_NOT_DEPEND_ON_MESSAGING.evaluate(violations()).hasViolation()).isTrue();
    }

    @Test
    void the_cycle_rule_fails_on_a_cycle() {
        JavaClasses cycle = new ClassFileImporter().importClasses(io.resetflow.notifier.support.CycleA.class,
                io.resetflow.notifier.delivery.CycleB.class);
        assertThat(NO_CYCLES.evaluate(cycle).hasViolation()).isTrue();
    }

    private static JavaClasses violations() {
        return new ClassFileImporter().importClasses(io.resetflow.notifier.email.ViolatesBoundaries.class);
    }
}
