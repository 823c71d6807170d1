package io.fedgate.api.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.net.Cidr;
import org.junit.jupiter.api.Test;

class TopologySummaryTest {

    @Test
    void overlapsAreFoundAcrossPodServiceJoinAndSubnetPrefixesOfBothFamilies() {
        Topology topology = TopologyParser.parse("""
                clusterSet: mixed
                clusters:
                  - id: a
                    region: r1
                    network: kube-ovn-overlay
                    availabilityZone: az-a
                    podCIDRs: [10.16.0.0/16, "fd00:10:16::/64"]
                    serviceCIDRs: [10.96.0.0/16]
                    joinCIDRs: [100.64.0.0/16]
                    subnets: [{name: ovn-default, cidrs: [10.16.0.0/16]}]
                  - id: b
                    region: r2
                    network: kube-ovn-overlay
                    availabilityZone: az-b
                    podCIDRs: [10.17.0.0/16, "fd00:10:16:0:1::/80"]
                    serviceCIDRs: [10.96.128.0/17]
                    joinCIDRs: [100.65.0.0/16]
                    subnets: [{name: legacy, cidrs: [10.16.5.0/24]}]
                  - id: c
                    region: r3
                    network: other
                    podCIDRs: [192.168.0.0/16]
                    serviceCIDRs: [172.20.0.0/16]
                """);

        TopologySummary summary = TopologySummary.of(topology);

        assertThat(summary.overlaps()).hasSize(1);
        TopologySummary.ClusterPairOverlap ab = summary.overlapBetween("b", "a");
        assertThat(ab.first()).isEqualTo("a");
        assertThat(ab.prefixes()).containsExactly(
                new TopologySummary.PrefixOverlap(Cidr.parse("10.16.0.0/16"), "pods, subnet ovn-default",
                        Cidr.parse("10.16.5.0/24"), "subnet legacy"),
                new TopologySummary.PrefixOverlap(Cidr.parse("fd00:10:16::/64"), "pods", Cidr.parse("fd00:10:16:0:1::/80"), "pods"),
                new TopologySummary.PrefixOverlap(Cidr.parse("10.96.0.0/16"), "services", Cidr.parse("10.96.128.0/17"), "services"));
        assertThat(ab.sharedPrefixes()).containsExactly(
                Cidr.parse("10.16.5.0/24"), Cidr.parse("10.96.128.0/17"), Cidr.parse("fd00:10:16:0:1::/80"));
        assertThat(summary.overlapBetween("a", "c")).isNull();
        assertThat(summary.exportCount()).isZero();
    }
}
