package io.resetflow.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries of api-service; every package a rule names exists (checked below). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.resetflow.api");

    static final ArchRule AVRO_ONLY_AT_THE_KAFKA_EDGE = noClasses()
            .that().resideOutsideOfPackage("io.resetflow.api.messaging..")
            .should().dependOnClassesThat().resideInAPackage("io.resetflow.schemas.avro..")
            .because("Avro-generated classes stay at the Kafka edge; the domain never sees them");

    static final ArchRule WEB_DOES_NOT_TOUCH_JDBC = noClasses()
            .that().resideInAnyPackage("io.resetflow.api.intake..", "io.resetflow.api.page..", "io.resetflow.api.login..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
            .because("inbound adapters call the directory, they do not query tables");

    static final ArchRule INTAKE_DOES_NOT_KNOW_KAFKA = noClasses()
            .that().resideInAnyPackage("io.resetflow.api.intake..", "io.resetflow.api.directory..", "io.resetflow.api.tenant..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    static final ArchRule NO_CYCLES = slices().matching("io.resetflow.api.(*)..").should().beFreeOfCycles();

    @Test
    void avro_only_at_the_kafka_edge() {
        AVRO_ONLY_AT_THE_KAFKA_EDGE.check(CLASSES);
    }

    @Test
    void web_adapters_do_not_touch_jdbc() {
        WEB_DOES_NOT_TOUCH_JDBC.check(CLASSES);
    }

    @Test
    void the_use_cases_do_not_know_kafka() {
        INTAKE_DOES_NOT_KNOW_KAFKA.check(CLASSES);
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        NO_CYCLES.check(CLASSES);
    }

    @Test
    void every_package_the_rules_name_exists() {
        for (String pkg : new String[]{"messaging", "intake", "page", "login", "directory", "tenant"}) {
            assertThat(CLASSES.containPackage("io.resetflow.api." + pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void the_avro_rule_fails_on_a_violation() {
        JavaClasses violating = new ClassFileImporter().importClasses(ArchitectureTest.class,
                io.resetflow.api.intake.ViolatesAvroBoundary.class);
        assertThat(AVRO_ONLY_AT_THE_KAFKA_EDGE.evaluate(violating).hasViolation()).isTrue();
    }
}
