package io.resetflow.token;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries of token-service; every package a rule names exists, and the rules are shown to fail. */
class ArchitectureTest {

    private static final String BASE = "io.resetflow.token";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    /** The pure core: token states and the issuing rule with its records. */
    private static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>("the token domain") {
        private final Set<String> issueDomain = Set.of("Decider", "Decision", "ResetRequest", "LinkIssued",
                "DecisionKind", "DeliveryChannel", "DecisionOutbox", "Links", "RequestThrottled", "DecisionCommitted");

        @Override
        public boolean test(JavaClass type) {
            String outer = type.getName().replaceFirst("\\$.*", "");
            return type.getPackageName().equals(BASE + ".lifecycle")
                    || (type.getPackageName().equals(BASE + ".issue")
                            && issueDomain.contains(outer.substring(outer.lastIndexOf('.') + 1)));
        }
    };

    static final ArchRule AVRO_ONLY_AT_THE_KAFKA_EDGE = noClasses()
            .that().resideOutsideOfPackage(BASE + ".messaging..")
            .should().dependOnClassesThat().resideInAPackage("io.resetflow.schemas.avro..")
            .because("Avro-generated classes stay at the Kafka edge; the domain never sees them");

    static final ArchRule KAFKA_ONLY_IN_ADAPTERS = noClasses()
            .that().resideOutsideOfPackages(BASE + ".messaging..", BASE + ".outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("deciding and redeeming do not know how events travel");

    static final ArchRule WEB_DOES_NOT_TOUCH_PERSISTENCE = noClasses()
            .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "javax.sql..", BASE + ".issue..", BASE + ".outbox..", BASE + ".messaging..")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
            .because("the web adapter calls its feature's service; it neither queries tables nor reaches into other features");

    static final ArchRule DOMAIN_IS_FREE_OF_FRAMEWORKS = noClasses()
            .that(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.apache.avro..", "io.resetflow.schemas.avro..", "java.sql..")
            .because("the issuing rule and the token states are plain Java, testable with a clock alone");

    static final ArchRule LOOKUP_IS_READ_ONLY = noClasses()
            .that().resideInAPackage(BASE + ".lookup..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + ".outbox..", BASE + ".messaging..",
                    BASE + ".redeem..")
            .because("handing links back changes no state and publishes nothing");

    static final ArchRule NO_CYCLES = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    @Test
    void avro_generated_classes_are_used_only_by_messaging() {
        AVRO_ONLY_AT_THE_KAFKA_EDGE.check(CLASSES);
    }

    @Test
    void kafka_is_used_only_by_messaging_and_the_outbox() {
        KAFKA_ONLY_IN_ADAPTERS.check(CLASSES);
    }

    @Test
    void the_web_adapter_does_not_touch_persistence_or_other_features() {
        WEB_DOES_NOT_TOUCH_PERSISTENCE.check(CLASSES);
    }

    @Test
    void the_domain_does_not_depend_on_spring_kafka_or_avro() {
        DOMAIN_IS_FREE_OF_FRAMEWORKS.check(CLASSES);
    }

    @Test
    void the_lookup_feature_neither_publishes_nor_redeems() {
        LOOKUP_IS_READ_ONLY.check(CLASSES);
    }

    @Test
    void the_lookup_rule_fails_on_a_violation() {
        // the test fixture lookup.PublishesFromLookup appends to the outbox
        JavaClasses violation = new ClassFileImporter().importPackages(BASE + ".lookup");
        assertThat(LOOKUP_IS_READ_ONLY.evaluate(violation).hasViolation()).isTrue();
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        NO_CYCLES.check(CLASSES);
    }

    @Test
    void every_package_and_class_the_rules_name_exists() {
        for (String pkg : new String[]{"messaging", "outbox", "issue", "redeem", "lookup", "lifecycle", "config"}) {
            assertThat(CLASSES.containPackage(BASE + "." + pkg)).as(pkg).isTrue();
        }
        assertThat(CLASSES.stream().filter(DOMAIN).map(JavaClass::getSimpleName))
                .contains("Decider", "Decision", "ResetRequest", "LinkIssued", "RequestThrottled", "ResetToken", "TokenStatus");
        assertThat(CLASSES.stream().filter(c -> c.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class))
                .map(JavaClass::getSimpleName)).contains("InternalTokenController", "TokenLookupController");
        assertThat(CLASSES.stream().filter(c -> c.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)))
                .isNotEmpty();
    }

    @Test
    void the_avro_rule_fails_on_a_violation() {
        assertThat(AVRO_ONLY_AT_THE_KAFKA_EDGE.evaluate(violations()).hasViolation()).isTrue();
    }

    @Test
    void the_web_rule_fails_on_a_controller_that_queries_tables() {
        assertThat(WEB_DOES_NOT_TOUCH_PERSISTENCE.evaluate(violations()).hasViolation()).isTrue();
    }

    @Test
    void the_cycle_rule_fails_on_a_cycle() {
        JavaClasses cycle = new ClassFileImporter().importClasses(io.resetflow.token.support.CycleA.class,
                io.resetflow.token.redeem.CycleB.class);
        assertThat(NO_CYCLES.evaluate(cycle).hasViolation()).isTrue();
    }

    private static JavaClasses violations() {
        return new ClassFileImporter().importPackages(BASE + ".redeem");
    }
}
