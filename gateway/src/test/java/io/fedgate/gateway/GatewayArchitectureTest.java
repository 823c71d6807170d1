package io.fedgate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway's pure packages stay pure; public API does not leak internal types of the I/O layer. */
class GatewayArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.fedgate.gateway");

    @Test
    void balancingAndRoutingImportNoNettyNoMicrometer() {
        noClasses().that().resideInAnyPackage("io.fedgate.gateway.internal.balancing..",
                        "io.fedgate.gateway.internal.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.micrometer..", "java.net..",
                        "java.nio.channels..")
                .check(CLASSES);
    }

    @Test
    void extensionPointsDependOnlyOnTheModel() {
        noClasses().that().resideInAPackage("io.fedgate.gateway.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fedgate.gateway.internal..", "io.netty..")
                .check(CLASSES);
    }
}
