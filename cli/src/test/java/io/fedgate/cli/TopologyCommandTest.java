package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.topology.TopologyExamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TopologyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fedgate(String... args) {
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void validOverlappingTopologyPrintsSummaryWithTheSharedPrefixes() {
        int exit = fedgate("topology", "validate", TopologyExamples.file("overlapping-cidrs.yaml").toString());

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("cluster set trading: 2 clusters, 1 service, 2 exports")
                .contains("  alpha: region us-east, zone us-east-1a, kube-ovn-overlay (AZ az-alpha), 2 gateways")
                .contains("    pods 10.16.0.0/16; services 10.96.0.0/16; join 100.64.0.0/16")
                .contains("  quotes/prices: ClusterSetIP, ports ws 9000/TCP, local-first")
                .contains("    from alpha: weight 100, priority 0, 2 endpoints")
                .contains("  alpha <-> beta: 10.16.0.0/16, 100.64.0.0/16")
                .contains("    10.16.0.0/16 (alpha pods) overlaps 10.16.0.0/16 (beta pods)");
    }

    @Test
    void activeActiveSummaryListsExportersWithWeightsAndNoOverlap() {
        int exit = fedgate("topology", "validate", TopologyExamples.file("three-cluster-active-active.yaml").toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("  bank/payments: ClusterSetIP, ports https 8443/TCP, grpc 9443/TCP, weighted")
                .contains("    from east: weight 70, priority 0, 3 endpoints")
                .contains("    from west: weight 30, priority 0, 3 endpoints")
                .contains("    consumed by north")
                .contains("  north: region eu-north, other, 3 gateways")
                .contains("    pods 10.16.0.0/16, fd00:10:16::/64; services 10.96.0.0/16, fd00:10:96::/108; join 100.64.0.0/16")
                .contains("overlapping address space: none");
    }

    @Test
    void invalidTopologyPrintsEveryProblemWithItsPathAndExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                clusterSet: finance
                clusters:
                  - id: east
                    region: eu-east
                    network: other
                    podCIDR: [10.16.0.0/16]
                    serviceCIDRs: [10.96.0.0/33]
                services:
                  - {namespace: bank, name: payments, ports: [{port: 70000}], exportedFrom: [{cluster: west}]}
                """);

        int exit = fedgate("topology", "validate", bad.toString());

        assertThat(exit).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(),
                "fedgate topology validate: " + bad + " has 5 problems:",
                "  clusters[0].podCIDRs: is required",
                "  clusters[0].serviceCIDRs[0]: \"10.96.0.0/33\" is not a CIDR (prefix length 33 > 32)",
                "  clusters[0].podCIDR: unknown field (did you mean podCIDRs?)",
                "  services[0].ports[0].port: 70000 is not a port (1..65535)",
                "  services[0].exportedFrom[0].cluster: \"west\" is not a cluster of this topology (known: east)",
                ""));
    }

    @Test
    void missingFileIsAUsageErrorWithoutStackTrace(@TempDir Path dir) {
        Path absent = dir.resolve("absent.yaml");

        int exit = fedgate("topology", "validate", absent.toString());

        assertThat(exit).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("fedgate topology validate: UserInputException: no such file: " + absent
                + System.lineSeparator());
    }

    @Test
    void aDirectoryIsAUsageError(@TempDir Path dir) {
        int exit = fedgate("topology", "validate", dir.toString());

        assertThat(exit).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(err.toString()).contains("cannot read " + dir).doesNotContain("\tat ");
    }

    @Test
    void topologyWithoutSubcommandAsksForOne() {
        int exit = fedgate("topology");

        assertThat(exit).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(err.toString()).contains("Missing required subcommand").contains("validate");
    }
}
