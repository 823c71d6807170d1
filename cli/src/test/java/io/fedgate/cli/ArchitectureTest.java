package io.fedgate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module graph the README draws: every module depends on federation-api, nothing sideways,
 * only the cli wires modules together; pure model and planning code imports no I/O framework.
 * Lives in the cli module because only its test classpath sees every module.
 */
class ArchitectureTest {
    private static final String[] IO_FRAMEWORKS = {
        "com.hazelcast..", "io.vertx..", "io.netty..", "io.fabric8..", "io.micrometer.."
    };
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fedgate");
    }

    @Test
    void federationApiDependsOnNoOtherFedgateModule() {
        noClasses().that().resideInAPackage("io.fedgate.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fedgate.hub..", "io.fedgate.agent..", "io.fedgate.interconnect..",
                        "io.fedgate.gateway..", "io.fedgate.cli..")
                .check(classes);
    }

    @Test
    void modelAndAddressValuesImportNoFramework() {
        noClasses().that().resideInAnyPackage("io.fedgate.api.model..", "io.fedgate.api.net..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.fasterxml..", "org.bouncycastle..", "com.hazelcast..", "io.vertx..", "io.netty..",
                        "io.fabric8..")
                .check(classes);
    }

    @Test
    void planningCodeIsPure() {
        noClasses().that().resideInAnyPackage("io.fedgate.hub.planning..")
                .should().dependOnClassesThat().resideInAnyPackage(IO_FRAMEWORKS)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void modulesDoNotDependSideways() {
        String[][] forbidden = {
            {"io.fedgate.hub..", "io.fedgate.agent..", "io.fedgate.gateway..", "io.fedgate.interconnect.."},
            {"io.fedgate.agent..", "io.fedgate.hub..", "io.fedgate.gateway..", "io.fedgate.interconnect.."},
            {"io.fedgate.gateway..", "io.fedgate.hub..", "io.fedgate.agent..", "io.fedgate.interconnect.."},
            {"io.fedgate.interconnect..", "io.fedgate.hub..", "io.fedgate.agent..", "io.fedgate.gateway.."},
        };
        for (String[] rule : forbidden) {
            String[] targets = java.util.Arrays.copyOfRange(rule, 1, rule.length);
            noClasses().that().resideInAPackage(rule[0])
                    .should().dependOnClassesThat().resideInAnyPackage(targets)
                    .allowEmptyShould(true)
                    .check(classes);
        }
        noClasses().that().resideOutsideOfPackage("io.fedgate.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.fedgate.cli..")
                .check(classes);
    }
}
