package io.fedgate.hub.planning;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanningInputTest {

    private static PlanningInput input(ClusterInventory... clusters) {
        return PlanningInput.of(List.of(clusters));
    }

    @Test
    void defaultsToNoLeasesNoAllocationsAndOneTransitSwitch() {
        PlanningInput input = input(cluster("a").build());

        assertThat(input.expiredLeases()).isEmpty();
        assertThat(input.previousAllocations()).isEqualTo(TransitAllocations.EMPTY);
        assertThat(input.transitSwitchCount()).isEqualTo(1);
    }

    @Test
    void duplicateClusterIdIsRefusedNamingBothPositions() {
        assertThatThrownBy(() -> input(cluster("a").build(), cluster("b").build(), cluster("a").build()))
                .isInstanceOf(PlanningException.class)
                .hasMessage("inventories[2].clusterId: \"a\" is already used by inventories[0]");
    }

    @Test
    void blankClusterIdIsRefused() {
        assertThatThrownBy(() -> input(cluster(" ").build()))
                .hasMessage("inventories[0].clusterId: \" \" is blank");
    }

    @Test
    void nullInventoryIsRefused() {
        List<ClusterInventory> clusters = new ArrayList<>();
        clusters.add(cluster("a").build());
        clusters.add(null);

        assertThatThrownBy(() -> PlanningInput.of(clusters)).hasMessage("inventories[1]: null");
    }

    @Test
    void missingNetworkIsRefused() {
        assertThatThrownBy(() -> input(new ClusterInventory("a", 1, null, List.of())))
                .hasMessage("inventories[0].network: missing (cluster \"a\")");
    }

    @Test
    void blankAvailabilityZoneIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").overlay("").build()))
                .hasMessage("inventories[0].network.availabilityZone: \"\" is blank (null means no interconnection)"
                        + " (cluster \"a\")");
    }

    @Test
    void missingExportTimeIsRefused() {
        ExportedService export = new ExportedService(export("shop/cart").build().service(), null, null, null, null,
                null, 100, 0, null);

        assertThatThrownBy(() -> input(cluster("a").build(), cluster("b").exports(export).build()))
                .hasMessage("inventories[1].exports[0].exportedAt: missing (conflicts are settled by the oldest"
                        + " export) (cluster \"b\", service shop/cart)");
    }

    @Test
    void sameServiceExportedTwiceByOneClusterIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart"), export("shop/cart")).build()))
                .hasMessage("inventories[0].exports[1].service: shop/cart is already exported by exports[0]"
                        + " (cluster \"a\", service shop/cart)");
    }

    @Test
    void negativeWeightIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart").weight(-1)).build()))
                .hasMessage("inventories[0].exports[0].weight: -1 must be >= 0 (cluster \"a\", service shop/cart)");
    }

    @Test
    void negativePriorityIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart").priority(-3)).build()))
                .hasMessage("inventories[0].exports[0].priority: -3 must be >= 0 (cluster \"a\", service shop/cart)");
    }

    @Test
    void portOutOfRangeIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart").tcp("http", 65536)).build()))
                .hasMessage("inventories[0].exports[0].ports[0].port: 65536 is outside 1..65535"
                        + " (cluster \"a\", service shop/cart)");
    }

    @Test
    void duplicatePortNameInOneExportIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart").tcp("http", 80).tcp("http", 81))
                .build()))
                .hasMessage("inventories[0].exports[0].ports[1].name: \"http\" is already used by ports[0]"
                        + " (cluster \"a\", service shop/cart)");
    }

    @Test
    void duplicatePortNumberAndProtocolInOneExportIsRefused() {
        assertThatThrownBy(() -> input(cluster("a").exports(export("shop/cart").tcp("http", 80)
                .port(new ServicePort("web", 80, Protocol.TCP, null))).build()))
                .hasMessage("inventories[0].exports[0].ports[1]: 80/TCP is already used by ports[0]"
                        + " (cluster \"a\", service shop/cart)");
    }

    @Test
    void endpointWithoutAddressIsRefused() {
        ExportedService export = new ExportedService(export("shop/cart").build().service(), null, null, null,
                List.of(Endpoint.ready("10.0.0.1"), new Endpoint("", true, null, null, null)),
                java.time.Instant.EPOCH, 100, 0, null);

        assertThatThrownBy(() -> input(cluster("a").exports(export).build()))
                .hasMessage("inventories[0].exports[0].endpoints[1].address: \"\" is blank"
                        + " (cluster \"a\", service shop/cart)");
    }

    @Test
    void transitSwitchCountOutOfRangeIsRefused() {
        PlanningInput input = input(cluster("a").build());

        assertThatThrownBy(() -> input.withTransitSwitchCount(0))
                .hasMessage("transitSwitchCount: 0 is outside 1..156 (subnets 169.254.100.0/24 to 169.254.255.0/24)");
        assertThatThrownBy(() -> input.withTransitSwitchCount(157)).isInstanceOf(PlanningException.class);
        assertThat(input.withTransitSwitchCount(156).transitSwitchCount()).isEqualTo(156);
    }

    @Test
    void nullExpiredLeaseIsRefused() {
        Set<String> leases = new HashSet<>();
        leases.add(null);

        assertThatThrownBy(() -> input(cluster("a").build()).withExpiredLeases(leases))
                .hasMessage("expiredLeases: contains null");
    }

    @Test
    void expiredLeasesOfUnknownClustersAreKeptAndHarmless() {
        PlanningInput input = input(cluster("a").build()).withExpiredLeases(Set.of("gone"));

        assertThat(new FederationPlanner().plan(input).clusterPlans()).hasSize(1);
    }
}
