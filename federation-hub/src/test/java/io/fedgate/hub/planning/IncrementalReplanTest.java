package io.fedgate.hub.planning;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FederationPlanner#replan} gives exactly what a full {@link FederationPlanner#plan} gives. */
class IncrementalReplanTest {
    private static final int CLUSTERS = 6;
    private static final int SERVICES = 8;
    private final FederationPlanner planner = new FederationPlanner();

    @Test
    void replanAfterRandomExportAndLeaseChangesEqualsAFullPlan() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<ClusterInventory> inventories = new ArrayList<>();
            for (int c = 0; c < CLUSTERS; c++) {
                inventories.add(randomCluster(random, c, 1));
            }
            Set<String> expired = new HashSet<>();
            PlanningInput input = new PlanningInput(inventories, expired, TransitAllocations.EMPTY, 1);
            FederationPlan plan = planner.plan(input);
            for (int step = 0; step < 25; step++) {
                List<ClusterInventory> next = new ArrayList<>(inventories);
                Set<String> nextExpired = new HashSet<>(expired);
                int c = random.nextInt(CLUSTERS);
                switch (random.nextInt(4)) {
                    case 0 -> nextExpired.add("c" + c);
                    case 1 -> nextExpired.remove("c" + c);
                    default -> next.set(c, randomCluster(random, c, step + 2));
                }
                PlanningInput nextInput = new PlanningInput(next, nextExpired, plan.transitAllocations(), 1);
                FederationPlan incremental = planner.replan(plan, input, nextInput);
                FederationPlan full = planner.plan(nextInput);
                assertThat(incremental).as("seed %d step %d", seed, step).isEqualTo(full);
                assertThat(incremental.clusterPlans()).isEqualTo(full.clusterPlans());
                inventories = next;
                expired = nextExpired;
                input = nextInput;
                plan = incremental;
            }
        }
    }

    @Test
    void exportChangeKeepsUntouchedServicesAndTheNetworkPartsAsTheyWere() {
        ClusterInventory a = cluster("a").overlay("az-a").pods("10.16.0.0/16").exports(
                export("shop/cart").tcp("http", 80).ready("10.16.0.5"),
                export("shop/pay").tcp("http", 80).ready("10.16.0.6")).build();
        ClusterInventory b = cluster("b").overlay("az-b").pods("10.17.0.0/16").build();
        PlanningInput before = PlanningInput.of(List.of(a, b));
        FederationPlan plan = planner.plan(before);
        ClusterInventory changed = cluster("a").overlay("az-a").pods("10.16.0.0/16").generation(2).exports(
                export("shop/cart").tcp("http", 80).ready("10.16.0.7"),
                export("shop/pay").tcp("http", 80).ready("10.16.0.6")).build();
        PlanningInput after = PlanningInput.of(List.of(changed, b)).withPreviousAllocations(plan.transitAllocations());

        FederationPlan next = planner.replan(plan, before, after);

        assertThat(next.services().get(io.fedgate.api.model.ServiceKey.parse("shop/pay")))
                .isSameAs(plan.services().get(io.fedgate.api.model.ServiceKey.parse("shop/pay")));
        assertThat(next.paths()).isSameAs(plan.paths());
        assertThat(next.interconnect()).isSameAs(plan.interconnect());
        assertThat(next).isEqualTo(planner.plan(after));
    }

    @Test
    void endpointsMovingIntoACustomVpcSubnetReplanThePaths() {
        KubeOvnSubnet tenant = new KubeOvnSubnet("tenant", List.of(Cidr.parse("10.20.0.0/24")), false, null, "vpc-a",
                false, false, List.of());
        ClusterInventory a = cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(tenant)
                .exports(export("shop/cart").tcp("http", 80).ready("10.16.0.5")).build();
        ClusterInventory b = cluster("b").overlay("az-b").pods("10.17.0.0/16").build();
        PlanningInput before = PlanningInput.of(List.of(a, b));
        FederationPlan plan = planner.plan(before);
        ClusterInventory moved = cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(tenant).generation(2)
                .exports(export("shop/cart").tcp("http", 80).ready("10.20.0.5")).build();
        PlanningInput after = PlanningInput.of(List.of(moved, b)).withPreviousAllocations(plan.transitAllocations());

        FederationPlan next = planner.replan(plan, before, after);

        assertThat(plan.paths().path("b", "a")).isEqualTo(io.fedgate.api.model.DataPath.ROUTED);
        assertThat(next.paths().decision("b", "a").reason()).isEqualTo(PathReason.SERVER_ENDPOINTS_OFF_INTERCONNECT);
        assertThat(next).isEqualTo(planner.plan(after));
    }

    /**
     * Cluster {@code c}: overlays (some sharing pod ranges, so some pairs need gateways) or non-OVN clusters,
     * exporting a random subset of shared services with random endpoints, ages, weights and policies.
     */
    private static ClusterInventory randomCluster(Random random, int c, long generation) {
        InventoryFixture.ClusterBuilder builder = cluster("c" + c).generation(generation)
                .locality("r" + c % 2, "z" + c % 3).gateway("gw", "198.18.0." + (c + 1), 15443);
        boolean overlay = c % 3 != 2;
        if (overlay) {
            // endpoints moving in and out of these two subnets change the paths of the cluster's pairs
            builder.overlay("az-" + c).pods("10." + (16 + c % 4) + ".0.0/16")
                    .subnet(new KubeOvnSubnet("tenant", List.of(Cidr.parse("10." + (40 + c) + ".0.0/16")), false, null,
                            "vpc-t", false, false, List.of()))
                    .subnet(new KubeOvnSubnet("pay", List.of(Cidr.parse("10." + (50 + c) + ".0.0/16")), false, null,
                            null, false, true, c % 2 == 0 ? List.of(Cidr.parse("10.16.0.0/14")) : List.of()));
        }
        List<ExportedService> exports = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            InventoryFixture.ExportBuilder export = export("ns/svc-" + s).tcp("http", 80 + random.nextInt(2))
                    .at(random.nextInt(5)).weight(1 + random.nextInt(3));
            if (random.nextInt(4) == 0) {
                export.headless();
            }
            if (random.nextInt(5) == 0) {
                export.policy(new TrafficPolicy(LoadBalancing.WEIGHTED, List.of("c" + random.nextInt(CLUSTERS))));
            }
            int endpoints = random.nextInt(3);
            for (int e = 0; e < endpoints; e++) {
                int where = random.nextInt(10);
                int second = !overlay || where < 8 ? 16 + c % 4 : where == 8 ? 40 + c : 50 + c;
                if (random.nextBoolean()) {
                    export.ready("10." + second + "." + s + "." + (e + 1));
                } else {
                    export.notReady("10." + second + "." + s + "." + (e + 1));
                }
            }
            exports.add(export.build());
        }
        return builder.exports(exports.toArray(ExportedService[]::new)).build();
    }
}
