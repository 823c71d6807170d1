package io.fedgate.interconnect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Desired state is computed by pure classes; the public API shows no Netty type. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.fedgate.interconnect");

    @Test
    void desiredStateAndPlanChecksImportNoIo() {
        noClasses().that().haveSimpleNameStartingWith("ZoneDesiredState")
                .or().haveSimpleName("PlanValidator").or().haveSimpleName("ExpectedRoutes")
                .or().haveSimpleName("DenylistOption").or().haveSimpleName("StatusReader")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.vertx..", "com.hazelcast..",
                        "io.fabric8..")
                .check(CLASSES);
    }

    @Test
    void theOvsdbClientApiDoesNotExposeNetty() {
        noClasses().that().resideInAnyPackage("io.fedgate.interconnect", "io.fedgate.interconnect.localstack",
                        "io.fedgate.interconnect.bench", "io.fedgate.interconnect.internal")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
                .check(CLASSES);
    }
}
