package io.fedgate.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the agent's tiers: a pure model, an SPI in the contract's terms, an edge that decides nothing. */
class AgentArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fedgate.agent");
    }

    @Test
    void modelIsPure() {
        noClasses().that().resideInAPackage("io.fedgate.agent.internal.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.vertx..", "io.netty..",
                        "io.micrometer..", "com.hazelcast..", "org.slf4j..")
                .check(classes);
    }

    @Test
    void spiSpeaksTheContractOnly() {
        noClasses().that().resideInAPackage("io.fedgate.agent.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.vertx..", "io.netty..",
                        "io.micrometer..", "io.fedgate.agent.internal..")
                .check(classes);
    }

    @Test
    void kubernetesEdgeDoesNotReachUpIntoTheRuntime() {
        noClasses().that().resideInAPackage("io.fedgate.agent.internal.kube..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fedgate.agent.spi..", "io.micrometer..")
                .check(classes);
    }
}
