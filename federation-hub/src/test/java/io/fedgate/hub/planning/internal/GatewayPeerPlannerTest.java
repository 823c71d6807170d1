package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static io.fedgate.hub.planning.internal.PlanningSteps.pathTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayPeerPlannerTest {
    private static final List<String> IDS = List.of("a", "b", "c", "d");
    /** a-b routed, c-d direct, everything else through gateways. */
    private static final PathTable PATHS = pathTable(IDS, (client, server) -> {
        Set<String> pair = Set.of(client, server);
        if (pair.equals(Set.of("a", "b"))) {
            return PathReason.INTERCONNECT_GROUP;
        }
        return pair.equals(Set.of("c", "d")) ? PathReason.UNDERLAY_WITHOUT_OVERLAP : PathReason.OVERLAPPING_PREFIXES;
    });

    private final GatewayPeerPlanner planner = new GatewayPeerPlanner();

    private static ClusterInventory exporting(String id) {
        return cluster(id).gateway("gw-1", id + ".gw", 8443).exports(export("shop/cart")).build();
    }

    private static ClusterInventory silent(String id) {
        return cluster(id).gateway("gw-1", id + ".gw", 8443).build();
    }

    private static List<String> peerIds(Map<String, List<GatewayPeer>> peers, String clusterId) {
        return peers.get(clusterId).stream().map(GatewayPeer::clusterId).toList();
    }

    @Test
    void gatewayPathMakesPeersOnBothSides() {
        Map<String, List<GatewayPeer>> peers = planner.plan(
                List.of(exporting("a"), silent("b"), silent("c"), silent("d")), PATHS);

        // c and d import a's service through gateways; a's gateways must accept them
        assertThat(peerIds(peers, "a")).containsExactly("c", "d");
        assertThat(peerIds(peers, "c")).containsExactly("a");
        assertThat(peerIds(peers, "d")).containsExactly("a");
    }

    @Test
    void routedAndDirectPairsAreNotPeers() {
        Map<String, List<GatewayPeer>> peers = planner.plan(
                List.of(exporting("a"), exporting("b"), exporting("c"), exporting("d")), PATHS);

        assertThat(peerIds(peers, "a")).containsExactly("c", "d");
        assertThat(peerIds(peers, "c")).containsExactly("a", "b");
    }

    @Test
    void clustersExportingNothingOnEitherSideAreNotPeers() {
        Map<String, List<GatewayPeer>> peers = planner.plan(
                List.of(silent("a"), silent("b"), silent("c"), silent("d")), PATHS);

        assertThat(peers.values()).allSatisfy(list -> assertThat(list).isEmpty());
    }

    @Test
    void peersCarryTheirGatewaysSorted() {
        ClusterInventory a = cluster("a").gateway("gw-2", "10.0.0.2", 8443).gateway("gw-1", "10.0.0.1", 8443)
                .exports(export("shop/cart")).build();
        Map<String, List<GatewayPeer>> peers = planner.plan(List.of(a, silent("b"), silent("c"), silent("d")), PATHS);

        assertThat(peers.get("c")).containsExactly(new GatewayPeer("a", List.of(
                new GatewayEndpoint("gw-1", "10.0.0.1", 8443), new GatewayEndpoint("gw-2", "10.0.0.2", 8443))));
    }
}
