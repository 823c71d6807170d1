package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static io.fedgate.hub.planning.internal.PlanningSteps.pathTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadBalancingPlannerTest {
    private static final List<String> IDS = List.of("a", "b", "c");
    /** a-b routed, everything else through gateways. */
    private static final PathTable PATHS = pathTable(IDS, (client, server) ->
            Set.of(client, server).equals(Set.of("a", "b")) ? PathReason.INTERCONNECT_GROUP
                    : PathReason.CLIENT_NOT_KUBE_OVN);

    private final LoadBalancingPlanner planner = new LoadBalancingPlanner();

    private Map<String, List<ServiceImport>> plan(Set<String> expired, ClusterInventory... clusters) {
        ImportResolution resolution = new ImportPlanner().resolve(List.of(clusters));
        return planner.plan(resolution.services(), PATHS, expired);
    }

    private static ClusterEndpoints entry(ServiceImport serviceImport, String clusterId) {
        return serviceImport.clusters().stream().filter(c -> c.clusterId().equals(clusterId)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyClusterGetsEveryImportInServiceOrder() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart"), export("bank/ledger")).build(),
                cluster("b").build(), cluster("c").build());

        assertThat(imports).containsOnlyKeys("a", "b", "c");
        imports.values().forEach(list -> assertThat(list).extracting(i -> i.service().toString())
                .containsExactly("bank/ledger", "shop/cart"));
    }

    @Test
    void oneEntryPerServingClusterWithLocalityPathWeightAndPriority() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("c").locality("eu-west", "eu-west-2").exports(export("shop/cart").weight(30).priority(2)
                        .ready("10.3.0.1")).build(),
                cluster("a").locality("eu-west", "eu-west-1").exports(export("shop/cart").weight(70).priority(1)
                        .ready("10.1.0.1")).build(),
                cluster("b").build());

        ServiceImport fromB = imports.get("b").get(0);
        assertThat(fromB.clusters()).containsExactly(
                new ClusterEndpoints("a", "eu-west", "eu-west-1", DataPath.ROUTED, 70, 1, ClusterHealth.HEALTHY,
                        List.of(Endpoint.ready("10.1.0.1"))),
                new ClusterEndpoints("c", "eu-west", "eu-west-2", DataPath.GATEWAY, 30, 2, ClusterHealth.HEALTHY,
                        List.of(Endpoint.ready("10.3.0.1"))));
    }

    @Test
    void ownExportIsReachedDirectly() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart").ready("10.1.0.1")).build(), cluster("b").build(),
                cluster("c").build());

        assertThat(entry(imports.get("a").get(0), "a").path()).isEqualTo(DataPath.DIRECT);
        assertThat(entry(imports.get("b").get(0), "a").path()).isEqualTo(DataPath.ROUTED);
        assertThat(entry(imports.get("c").get(0), "a").path()).isEqualTo(DataPath.GATEWAY);
    }

    @Test
    void expiredLeaseWithdrawsEndpointsButKeepsCluster() {
        Map<String, List<ServiceImport>> imports = plan(Set.of("a"),
                cluster("a").exports(export("shop/cart").weight(40).ready("10.1.0.1", "10.1.0.2")).build(),
                cluster("b").exports(export("shop/cart").ready("10.2.0.1")).build(),
                cluster("c").build());

        ClusterEndpoints expired = entry(imports.get("c").get(0), "a");
        assertThat(expired.health()).isEqualTo(ClusterHealth.LEASE_EXPIRED);
        assertThat(expired.endpoints()).isEmpty();
        assertThat(expired.weight()).isEqualTo(40);
        assertThat(expired.healthy()).isFalse();
        assertThat(entry(imports.get("c").get(0), "b").health()).isEqualTo(ClusterHealth.HEALTHY);
    }

    @Test
    void clusterWithoutReadyEndpointsKeepsThemButIsNotHealthy() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart").notReady("10.1.0.1")).build(),
                cluster("b").exports(export("shop/cart")).build(),
                cluster("c").build());

        ClusterEndpoints notReady = entry(imports.get("c").get(0), "a");
        assertThat(notReady.health()).isEqualTo(ClusterHealth.NO_READY_ENDPOINTS);
        assertThat(notReady.endpoints()).extracting(Endpoint::address).containsExactly("10.1.0.1");
        assertThat(entry(imports.get("c").get(0), "b").health()).isEqualTo(ClusterHealth.NO_READY_ENDPOINTS);
    }

    @Test
    void failoverOrderOverridesPriorities() {
        TrafficPolicy failover = new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, List.of("c", "a", "nowhere"));
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart").at(1).priority(0).policy(failover)).build(),
                cluster("b").exports(export("shop/cart").at(2).priority(4)).build(),
                cluster("c").exports(export("shop/cart").at(3).priority(9)).build());

        ServiceImport cart = imports.get("b").get(0);
        assertThat(cart.policy()).isEqualTo(failover);
        assertThat(entry(cart, "c").priority()).isEqualTo(0);
        assertThat(entry(cart, "a").priority()).isEqualTo(1);
        // not named: after the three named positions, keeping its own priority
        assertThat(entry(cart, "b").priority()).isEqualTo(3 + 4);
    }

    @Test
    void withoutFailoverOrderPrioritiesComeFromExports() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart").priority(5)).build(),
                cluster("b").exports(export("shop/cart").priority(1)).build(),
                cluster("c").build());

        assertThat(imports.get("c").get(0).clusters()).extracting(ClusterEndpoints::priority).containsExactly(5, 1);
    }

    @Test
    void endpointsAreSortedByAddress() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("a").exports(export("shop/cart").ready("10.1.0.9", "10.1.0.10").notReady("10.1.0.1"))
                        .build(),
                cluster("b").build(), cluster("c").build());

        assertThat(entry(imports.get("b").get(0), "a").endpoints()).extracting(Endpoint::address)
                .containsExactly("10.1.0.1", "10.1.0.10", "10.1.0.9");
    }

    @Test
    void clientsSeeingTheSamePathsShareOneImport() {
        Map<String, List<ServiceImport>> imports = plan(Set.of(),
                cluster("c").exports(export("shop/cart").ready("10.3.0.1")).build(), cluster("a").build(),
                cluster("b").build());

        // a and b both reach c through gateways: one import value, held once
        assertThat(imports.get("a").get(0)).isSameAs(imports.get("b").get(0));
        assertThat(imports.get("c").get(0)).isNotEqualTo(imports.get("a").get(0));
    }
}
