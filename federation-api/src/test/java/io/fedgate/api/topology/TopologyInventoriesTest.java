package io.fedgate.api.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyInventoriesTest {
    private static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

    private static Topology activeActive() throws Exception {
        return TopologyParser.parse(TopologyExamples.file("three-cluster-active-active.yaml"));
    }

    @Test
    void sameTopologyAndBaseGiveEqualInventories() throws Exception {
        assertThat(activeActive().toInventories(BASE)).isEqualTo(activeActive().toInventories(BASE));
    }

    @Test
    void oneInventoryPerClusterAtGenerationOneWithItsNetwork() throws Exception {
        List<ClusterInventory> inventories = activeActive().toInventories(BASE);

        assertThat(inventories).extracting(ClusterInventory::clusterId).containsExactly("east", "west", "north");
        assertThat(inventories).extracting(ClusterInventory::generation).containsOnly(1L);
        ClusterInventory east = inventories.get(0);
        assertThat(east.network().availabilityZone()).isEqualTo("az-east");
        assertThat(east.network().podCidrs()).contains(Cidr.parse("fd00:10:16::/64"));
        assertThat(east.network().gateways()).containsExactly(
                new GatewayEndpoint("east-gw-1", "127.0.0.1", 0), new GatewayEndpoint("east-gw-2", "127.0.0.1", 0));
        assertThat(inventories.get(2).network().gateways()).extracting(GatewayEndpoint::name)
                .containsExactly("north-gw-1", "north-gw-2", "north-gw-3");
        assertThat(inventories.get(2).exports()).isEmpty();
    }

    @Test
    void syntheticEndpointsTakeConsecutiveHostsFromDotTenAcrossTheClustersExports() throws Exception {
        List<ClusterInventory> inventories = activeActive().toInventories(BASE);
        ClusterInventory east = inventories.get(0);

        ExportedService payments = east.export(new io.fedgate.api.model.ServiceKey("bank", "payments"));
        ExportedService ledger = east.export(new io.fedgate.api.model.ServiceKey("bank", "ledger"));
        assertThat(payments.endpoints()).extracting(Endpoint::address).containsExactly("10.16.0.10", "10.16.0.11", "10.16.0.12");
        assertThat(payments.endpoints()).allSatisfy(e -> {
            assertThat(e.ready()).isTrue();
            assertThat(e.zone()).isEqualTo("eu-east-1a");
        });
        assertThat(ledger.endpoints()).extracting(Endpoint::address).containsExactly("10.16.0.13");
        assertThat(inventories.get(1).exports().get(0).endpoints()).extracting(Endpoint::address)
                .containsExactly("10.17.0.10", "10.17.0.11", "10.17.0.12");
    }

    @Test
    void exportTimesFollowFileOrderSoTheFirstExporterIsOldest() throws Exception {
        List<ClusterInventory> inventories = activeActive().toInventories(BASE);
        ExportedService eastPayments = inventories.get(0).exports().get(0);
        ExportedService westPayments = inventories.get(1).exports().get(0);
        ExportedService westLedger = inventories.get(1).exports().get(1);
        ExportedService eastLedger = inventories.get(0).exports().get(1);

        assertThat(eastPayments.exportedAt()).isEqualTo(BASE);
        assertThat(westPayments.exportedAt()).isEqualTo(BASE.plusSeconds(1));
        assertThat(westLedger.exportedAt()).isEqualTo(BASE.plusSeconds(2));
        assertThat(eastLedger.exportedAt()).isEqualTo(BASE.plusSeconds(3));
        assertThat(eastPayments.weight()).isEqualTo(70);
        assertThat(westPayments.weight()).isEqualTo(30);
        assertThat(eastLedger.priority()).isEqualTo(1);
        assertThat(eastPayments.ports()).hasSize(2);
        assertThat(eastPayments.policy().loadBalancing().name()).isEqualTo("WEIGHTED");
        assertThat(eastPayments.policy().failoverOrder()).isEmpty();
    }

    @Test
    void ipv6FirstPodCidrGivesIpv6Endpoints() {
        Topology topology = TopologyParser.parse("""
                clusterSet: v6
                clusters:
                  - {id: east, region: r, network: other, podCIDRs: ["fd00:10:16::/64"], serviceCIDRs: ["fd00:10:96::/108"]}
                services:
                  - {namespace: a, name: b, ports: [{port: 80}], exportedFrom: [{cluster: east, endpoints: 2}]}
                """);

        assertThat(topology.toInventories(BASE).get(0).exports().get(0).endpoints()).extracting(Endpoint::address)
                .containsExactly("fd00:10:16::a", "fd00:10:16::b");
    }

    @Test
    void roomForSyntheticEndpointsLeavesTheFirstTenAndTheBroadcastAddressOut() {
        assertThat(TopologyInventories.syntheticEndpointRoom(Cidr.parse("10.16.0.0/24"))).isEqualTo(245);
        assertThat(TopologyInventories.syntheticEndpointRoom(Cidr.parse("10.16.0.0/30"))).isZero();
        assertThat(TopologyInventories.syntheticEndpointRoom(Cidr.parse("fd00::/120"))).isEqualTo(246);
        assertThat(TopologyInventories.syntheticEndpointRoom(Cidr.parse("fd00::/64"))).isEqualTo(Long.MAX_VALUE);
    }
}
