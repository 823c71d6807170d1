package io.fedgate.api.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.codec.Problem;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.net.Cidr;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyParserTest {
    private static final String TWO_CLUSTERS = """
            clusterSet: finance
            clusters:
              - id: east
                region: eu-east
                network: kube-ovn-overlay
                availabilityZone: az-east
                podCIDRs: [10.16.0.0/16]
                serviceCIDRs: [10.96.0.0/16]
              - id: west
                region: eu-west
                network: other
                podCIDRs: [10.17.0.0/16]
                serviceCIDRs: [10.97.0.0/16]
            """;

    private static List<String> problemsOf(String yaml) {
        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class, () -> TopologyParser.parse(yaml));
        assertThat(error).as("parsing must fail").isNotNull();
        return error.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void minimalTopologyGetsItsDefaults() {
        Topology topology = TopologyParser.parse(TWO_CLUSTERS + """
                services:
                  - namespace: bank
                    name: payments
                    ports: [{port: 8443}]
                    exportedFrom: [{cluster: east}]
                """);

        assertThat(topology.clusterSet()).isEqualTo("finance");
        assertThat(topology.cluster("east").gateways()).isEqualTo(1);
        assertThat(topology.cluster("west").network()).isEqualTo(NetworkKind.OTHER);
        TopologyService payments = topology.services().get(0);
        assertThat(payments.type()).isEqualTo(ImportType.CLUSTER_SET_IP);
        assertThat(payments.ports()).containsExactly(new ServicePort(null, 8443, Protocol.TCP, null));
        assertThat(payments.exportedFrom()).containsExactly(new TopologyExporter("east", 100, 0, 1));
    }

    @Test
    void brokenTopologyListsEveryProblemWithItsPath() {
        List<String> problems = problemsOf("""
                clusterSet: Finance
                clusters:
                  - id: east
                    region: eu-east
                    network: kube-ovn-overlay
                    availabilityZone: az-east
                    podCIDRs: [10.16.0.0/16]
                    serviceCIDRs: [10.96.0.0/16]
                    gateways: 17
                  - id: west
                    region: eu-west
                    network: kube-ovn-overlay
                    podCIDRs: [10.17.0.0/16]
                    serviceCIDRs: [10.97.0.0/16]
                  - id: north
                    region: eu-north
                    network: calico
                    podCIDRs: [10.16.0.0/33]
                    serviceCIDRs: [10.98.0.0/16]
                services:
                  - namespace: bank
                    name: payments
                    ports: [{name: https, port: 70000}]
                    policy: {loadBalancing: round-robin}
                    exportedFrom: [{cluster: east, weight: 2000}]
                """);

        assertThat(problems).containsExactly(
                "clusterSet: \"Finance\" is not a DNS-1123 label",
                "clusters[0].gateways: 17 is not a gateway replica count (1..16)",
                "clusters[1].availabilityZone: is required for a kube-ovn-overlay cluster",
                "clusters[2].network: \"calico\" is not one of kube-ovn-overlay, kube-ovn-underlay, other",
                "clusters[2].podCIDRs[0]: \"10.16.0.0/33\" is not a CIDR (prefix length 33 > 32)",
                "services[0].ports[0].port: 70000 is not a port (1..65535)",
                "services[0].policy.loadBalancing: \"round-robin\" is not one of local-first, weighted, priority-failover, least-latency",
                "services[0].exportedFrom[0].weight: 2000 is not a weight (0..1000)");
    }

    @Test
    void crossReferencesAreChecked() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - {id: east, region: eu-east, network: kube-ovn-overlay, availabilityZone: az-1,
                     podCIDRs: [10.16.0.0/16], serviceCIDRs: [10.96.0.0/16]}
                  - {id: west, region: eu-west, network: kube-ovn-overlay, availabilityZone: az-1,
                     podCIDRs: [10.17.0.0/16], serviceCIDRs: [10.97.0.0/16]}
                  - {id: east, region: eu-north, network: other,
                     podCIDRs: [10.18.0.0/16], serviceCIDRs: [10.98.0.0/16]}
                services:
                  - namespace: bank
                    name: payments
                    ports: [{port: 8443}]
                    policy: {loadBalancing: priority-failover, failoverOrder: [west, south]}
                    exportedFrom:
                      - {cluster: east}
                      - {cluster: wset}
                      - {cluster: east}
                    consumers: [nowhere]
                  - namespace: bank
                    name: payments
                    ports: [{port: 8443}]
                    exportedFrom: [{cluster: west}]
                """);

        assertThat(problems).containsExactly(
                "clusters[2].id: \"east\" duplicates clusters[0].id",
                "clusters[1].availabilityZone: \"az-1\" duplicates clusters[0].availabilityZone",
                "services[0].policy.failoverOrder[1]: \"south\" is not a cluster of this topology (known: east, west)",
                "services[0].exportedFrom[1].cluster: \"wset\" is not a cluster of this topology (did you mean west?)",
                "services[0].exportedFrom[2].cluster: \"east\" duplicates services[0].exportedFrom[0].cluster",
                "services[0].consumers[0]: \"nowhere\" is not a cluster of this topology (known: east, west)",
                "services[1]: bank/payments duplicates services[0]");
    }

    @Test
    void unknownKeysAreReportedWithTheClosestKnownName() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - id: east
                    region: eu-east
                    network: other
                    podCIDR: [10.16.0.0/16]
                    serviceCIDRs: [10.96.0.0/16]
                    colour: blue
                services:
                  - namespace: bank
                    name: payments
                    ports: [{port: 8443, protocl: UDP}]
                    exportFrom: [{cluster: east}]
                """);

        assertThat(problems).containsExactly(
                "clusters[0].podCIDRs: is required",
                "clusters[0].podCIDR: unknown field (did you mean podCIDRs?)",
                "clusters[0].colour: unknown field",
                "services[0].ports[0].protocl: unknown field (did you mean protocol?)",
                "services[0].exportedFrom: is required",
                "services[0].exportFrom: unknown field (did you mean exportedFrom?)");
    }

    @Test
    void kubeOvnOnlyFieldsAreRefusedOnOtherNetworks() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - id: west
                    region: eu-west
                    network: other
                    availabilityZone: az-west
                    podCIDRs: [10.17.0.0/16]
                    serviceCIDRs: [10.97.0.0/16]
                    subnets: [{name: extra, cidrs: [10.18.0.0/24]}]
                    gatewayNodes: [west-node-1]
                """);

        assertThat(problems).containsExactly(
                "clusters[0].availabilityZone: must not be set for network other (only kube-ovn-overlay and "
                        + "kube-ovn-underlay clusters join OVN interconnection)",
                "clusters[0].subnets: must not be set for network other (only kube-ovn-overlay and "
                        + "kube-ovn-underlay clusters have Kube-OVN subnets)",
                "clusters[0].gatewayNodes: must not be set for network other (only kube-ovn-overlay and "
                        + "kube-ovn-underlay clusters have ovn-ic gateway nodes)");
    }

    @Test
    void prefixesOfOneClusterMustNotOverlapEachOther() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - id: east
                    region: eu-east
                    network: other
                    podCIDRs: [10.0.0.0/8]
                    serviceCIDRs: [10.96.0.0/16]
                """);

        assertThat(problems).containsExactly(
                "clusters[0].serviceCIDRs[0]: 10.96.0.0/16 overlaps podCIDRs[0] (10.0.0.0/8) of the same cluster");
    }

    @Test
    void serviceChecksReuseTheWireRules() {
        List<String> problems = problemsOf(TWO_CLUSTERS + """
                services:
                  - namespace: bank
                    name: payments
                    exportedFrom: [{cluster: east, endpoints: -1}]
                  - namespace: bank
                    name: ledger
                    type: Headless
                    ports: [{name: a, port: 1}, {port: 2}]
                    exportedFrom: []
                """);

        assertThat(problems).containsExactly(
                "services[0].ports: is required for a ClusterSetIP service (at least one port)",
                "services[0].exportedFrom[0].endpoints: -1 is not an endpoint count (0..1000)",
                "services[1].ports[1].name: is required when a service has several ports",
                "services[1].exportedFrom: must not be empty");
    }

    @Test
    void syntheticEndpointsMustFitInTheFirstPodCidr() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - {id: tiny, region: r, network: other, podCIDRs: [10.16.0.0/28], serviceCIDRs: [10.96.0.0/16]}
                services:
                  - {namespace: a, name: one, ports: [{port: 80}], exportedFrom: [{cluster: tiny, endpoints: 3}]}
                  - {namespace: a, name: two, ports: [{port: 80}], exportedFrom: [{cluster: tiny, endpoints: 3}]}
                """);

        assertThat(problems).containsExactly("services[1].exportedFrom[0].endpoints: 3 more endpoints do not fit: "
                + "tiny's first pod CIDR 10.16.0.0/28 has room for 5 synthetic endpoints and its exports ask for 6");
    }

    @Test
    void ipv6PrefixesParseQuotedOrNot() {
        Topology topology = TopologyParser.parse("""
                clusterSet: v6
                clusters:
                  - id: east
                    region: eu-east
                    network: other
                    podCIDRs: ["fd00:10:16::/64"]
                    serviceCIDRs:
                      - fd00:10:96::/108
                """);

        assertThat(topology.cluster("east").podCidrs()).containsExactly(Cidr.parse("fd00:10:16::/64"));
        assertThat(topology.cluster("east").serviceCidrs()).containsExactly(Cidr.parse("fd00:10:96::/108"));
    }

    @Test
    void yamlSyntaxErrorsNameTheLineAndTheParsersReason() {
        assertThat(problemsOf("clusterSet: finance\nclusters:\n  - id: [east\n")).containsExactly(
                "line 3, column 14: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
    }

    @Test
    void yamlBooleansAndNumbersWhereTextIsExpectedSayToQuoteThem() {
        List<String> problems = problemsOf("""
                clusterSet: finance
                clusters:
                  - {id: east, region: no, zone: 1, network: other, podCIDRs: [10.16.0.0/16], serviceCIDRs: [10.96.0.0/16]}
                """);

        assertThat(problems).containsExactly(
                "clusters[0].region: false is not a string (quote it if it is meant as text)",
                "clusters[0].zone: 1 is not a string (quote it if it is meant as text)");
    }

    @Test
    void yamlAliasesAreRefusedRatherThanReadAsTheAnchorName() {
        assertThat(problemsOf("""
                clusterSet: finance
                clusters:
                  - {id: east, region: &r eu-east, network: other, podCIDRs: [10.16.0.0/16], serviceCIDRs: [10.96.0.0/16]}
                  - {id: west, region: *r, network: other, podCIDRs: [10.17.0.0/16], serviceCIDRs: [10.97.0.0/16]}
                """)).containsExactly("line 4, column 24: not valid YAML: YAML aliases are not supported (*r): write the value out");
    }

    @Test
    void deepNestingIsStoppedByTheParserLimit() {
        assertThat(problemsOf("clusterSet: " + "[".repeat(40) + "]".repeat(40) + "\n"))
                .singleElement().asString().contains("document exceeds a parser limit").contains("nesting depth");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problemsOf("clusterSet: finance\nclusterSet: other\nclusters: []\n"))
                .singleElement().asString().contains("Duplicate field 'clusterSet'");
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        java.nio.file.Files.writeString(big, "# " + "x".repeat(TopologyParser.DEFAULT_MAX_TOPOLOGY_BYTES) + "\n");

        assertThatThrownBy(() -> TopologyParser.parse(big))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("document is larger than 1048576 bytes");
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> TopologyParser.parse(dir.resolve("absent.yaml"))).isInstanceOf(NoSuchFileException.class);
    }
}
