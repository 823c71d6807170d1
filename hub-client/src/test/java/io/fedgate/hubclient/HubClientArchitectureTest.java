package io.fedgate.hubclient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client stays light: agents, gateways and ctl carry it without Vert.x, Netty or Hazelcast. */
class HubClientArchitectureTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.fedgate.hubclient");

    @Test
    void clientUsesTheJdkAndFederationApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "com.hazelcast..",
                        "io.fabric8..", "io.micrometer..", "io.fedgate.hub..", "io.fedgate.agent..",
                        "io.fedgate.gateway..")
                .check(CLIENT);
    }

    @Test
    void onlyTheClientItselfUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("io.fedgate.hubclient", "io.fedgate.hubclient.internal")
                .should().dependOnClassesThat().resideInAPackage("io.fedgate.hubclient.internal")
                .check(CLIENT);
    }
}
