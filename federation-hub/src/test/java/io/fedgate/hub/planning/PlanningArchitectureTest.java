package io.fedgate.hub.planning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The planners stay pure: no runtime frameworks, no I/O, no clock. */
class PlanningArchitectureTest {
    private static final JavaClasses PLANNING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fedgate.hub.planning");

    @Test
    void plannersImportNoRuntimeFrameworkAndDoNoIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "io.vertx..", "io.netty..",
                        "io.fabric8..", "java.io..", "java.net..", "java.nio..", "org.slf4j..")
                .because("planners are pure functions; I/O and logging live at the hub's edges")
                .check(PLANNING);
    }

    @Test
    void plannersReadNoClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .because("time is passed in, so a plan depends on its input only")
                .check(PLANNING);
    }

    @Test
    void onlyThePlanningPackageUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("io.fedgate.hub.planning", "io.fedgate.hub.planning.internal")
                .should().dependOnClassesThat().resideInAPackage("io.fedgate.hub.planning.internal")
                .allowEmptyShould(true)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.fedgate"));
    }
}
