package io.fedgate.api.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.net.Cidr;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TopologyExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyExampleParses() {
        List<Path> examples = TopologyExamples.all();
        assertThat(examples).extracting(p -> p.getFileName().toString())
                .contains("two-cluster-routed.yaml", "three-cluster-active-active.yaml", "overlapping-cidrs.yaml");
        return examples.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Topology topology = TopologyParser.parse(file);
            assertThat(topology.clusters()).isNotEmpty();
            assertThat(topology.toInventories(java.time.Instant.EPOCH)).hasSameSizeAs(topology.clusters());
        }));
    }

    @Test
    void overlappingExampleSharesPodPrefixBetweenItsClusters() throws Exception {
        TopologySummary summary = TopologySummary.of(TopologyParser.parse(TopologyExamples.file("overlapping-cidrs.yaml")));

        assertThat(summary.overlaps()).singleElement().satisfies(pair -> {
            assertThat(List.of(pair.first(), pair.second())).containsExactly("alpha", "beta");
            assertThat(pair.sharedPrefixes()).contains(Cidr.parse("10.16.0.0/16"));
            assertThat(pair.prefixes()).anySatisfy(p -> {
                assertThat(p.first()).isEqualTo(Cidr.parse("10.16.0.0/16"));
                assertThat(p.firstUse()).isEqualTo("pods");
                assertThat(p.secondUse()).isEqualTo("pods");
            });
        });
    }

    @Test
    void routedExampleHasNoOverlap() throws Exception {
        TopologySummary summary = TopologySummary.of(TopologyParser.parse(TopologyExamples.file("two-cluster-routed.yaml")));

        assertThat(summary.overlaps()).isEmpty();
        assertThat(summary.clusters()).extracting(TopologyCluster::network)
                .containsOnly(NetworkKind.KUBE_OVN_OVERLAY);
    }

    @Test
    void activeActiveExampleExportsPaymentsFromTwoRegionsWeighted() throws Exception {
        Topology topology = TopologyParser.parse(TopologyExamples.file("three-cluster-active-active.yaml"));

        TopologyService payments = topology.services().get(0);
        assertThat(payments.key()).hasToString("bank/payments");
        assertThat(payments.policy().loadBalancing()).isEqualTo(LoadBalancing.WEIGHTED);
        assertThat(payments.exportedFrom()).extracting(TopologyExporter::cluster, TopologyExporter::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("east", 70), org.assertj.core.groups.Tuple.tuple("west", 30));
        assertThat(payments.exportedFrom()).extracting(e -> topology.cluster(e.cluster()).region())
                .containsExactly("eu-east", "eu-west");
        assertThat(payments.consumers()).containsExactly("north");
        assertThat(TopologySummary.of(topology).overlaps()).isEmpty();
    }
}
