package io.fedgate.hub.planning;

import static io.fedgate.hub.planning.InventoryFixture.cidrs;
import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.model.TransitSwitch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FederationPlannerTest {
    private static final ServiceKey CART = ServiceKey.parse("shop/cart");

    private final FederationPlanner planner = new FederationPlanner();

    /** A federation with every kind of cluster, overlap and export conflict. */
    private static List<ClusterInventory> mixedFederation() {
        return List.of(
                cluster("ovn-a").overlay("az-a").locality("eu", "eu-1").pods("10.16.0.0/16").join("100.64.0.0/16")
                        .services("10.96.0.0/12").gatewayNodes("a-gw1", "a-gw2").gateway("gw", "a.example", 8443)
                        .exports(export("shop/cart").at(1).tcp("http", 80).ready("10.16.0.5", "10.16.0.4"),
                                export("bank/ledger").at(5).tcp("grpc", 9090).ready("10.16.1.1"))
                        .build(),
                cluster("ovn-b").overlay("az-b").locality("eu", "eu-2").pods("10.17.0.0/16").join("100.65.0.0/16")
                        .services("10.96.0.0/12").subnet("tenant", "172.20.0.0/16").gateway("gw", "b.example", 8443)
                        .exports(export("shop/cart").at(2).headless().tcp("http", 8080).ready("10.17.0.9"))
                        .build(),
                cluster("ovn-c").overlay("az-c").locality("us", "us-1").pods("10.16.128.0/17")
                        .join("100.66.0.0/16").services("10.96.0.0/12").gateway("gw", "c.example", 8443)
                        .exports(export("shop/cart").at(3).tcp("http", 80).notReady("10.16.128.3"))
                        .build(),
                cluster("under-d").underlay().locality("eu", "eu-1").pods("192.168.10.0/24").services("10.96.0.0/12")
                        .gateway("gw", "d.example", 8443)
                        .exports(export("bank/ledger").at(4).tcp("grpc", 9090).ready("192.168.10.7"))
                        .build(),
                cluster("under-e").underlay().locality("eu", "eu-2").pods("192.168.20.0/24", "fd00:20::/64")
                        .services("10.96.0.0/12").gateway("gw", "e.example", 8443)
                        .build(),
                cluster("other-f").locality("us", "us-2").pods("10.244.0.0/16").services("10.96.0.0/12")
                        .gateway("gw-2", "f2.example", 8443).gateway("gw-1", "f1.example", 8443)
                        .exports(export("shop/cart").at(1).tcp("http", 80).ready("10.244.3.3"))
                        .build());
    }

    private static ClusterEndpoints entry(ClusterPlan plan, ServiceKey key, String serving) {
        return plan.importOf(key).clusters().stream().filter(c -> c.clusterId().equals(serving)).findFirst()
                .orElseThrow();
    }

    @Test
    void identicalServiceCidrsStillRouteButAreDenylisted() {
        FederationPlan plan = planner.plan(PlanningInput.of(List.of(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12")
                        .exports(export("shop/cart").ready("10.16.0.5")).build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.96.0.0/12").build())));

        assertThat(entry(plan.plan("b"), CART, "a").path()).isEqualTo(DataPath.ROUTED);
        assertThat(plan.interconnect().zone("az-a").routeDenylist()).isEqualTo(cidrs("10.96.0.0/12"));
        assertThat(plan.interconnect().zone("az-b").routeDenylist()).isEqualTo(cidrs("10.96.0.0/12"));
    }

    @Test
    void mixedFederationGetsEachPathWhereItBelongs() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()));

        assertThat(plan.interconnectGroup().members()).containsExactly("ovn-a", "ovn-b");
        assertThat(plan.interconnectGroup().exclusionReason("ovn-c"))
                .isEqualTo("10.16.128.0/17 overlaps 10.16.0.0/16 of member ovn-a");
        ClusterPlan b = plan.plan("ovn-b");
        assertThat(entry(b, CART, "ovn-a").path()).isEqualTo(DataPath.ROUTED);
        assertThat(entry(b, CART, "ovn-b").path()).isEqualTo(DataPath.DIRECT);
        assertThat(entry(b, CART, "ovn-c").path()).isEqualTo(DataPath.GATEWAY);
        assertThat(entry(b, CART, "other-f").path()).isEqualTo(DataPath.GATEWAY);
        assertThat(entry(plan.plan("under-e"), ServiceKey.parse("bank/ledger"), "under-d").path())
                .isEqualTo(DataPath.DIRECT);
        assertThat(plan.paths().decision("ovn-c", "ovn-a").describe())
                .isEqualTo("ovn-c -> ovn-a: GATEWAY, 10.16.128.0/17 of ovn-c overlaps 10.16.0.0/16 of ovn-a");
    }

    @Test
    void mixedFederationReportsExportConflictsOnEveryExporterOfTheService() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()));

        // other-f and ovn-a both exported shop/cart at second 1 with equal values: other-f wins the tie by id;
        // ovn-b disagrees, so every exporter of shop/cart is told; ovn-a's other export (bank/ledger) is not
        assertThat(plan.plan("other-f").exportStatus().get(0).condition(ExportCondition.CONFLICT).message())
                .contains("values are used (it is the oldest)");
        assertThat(plan.plan("ovn-a").exportStatus()).extracting(s -> s.condition(ExportCondition.CONFLICT).status())
                .containsExactly(false, true);
        ExportCondition b = plan.plan("ovn-b").exportStatus().get(0).condition(ExportCondition.CONFLICT);
        assertThat(b.reason()).isEqualTo("PortConflict,TypeConflict");
        assertThat(b.message()).contains("of cluster \"other-f\"", "PortConflict", "TypeConflict");
        assertThat(plan.plan("under-e").exportStatus()).isEmpty();
        assertThat(plan.plan("ovn-c").importOf(CART).ports()).extracting(p -> p.port()).containsExactly(80);
    }

    @Test
    void everyClusterPlanCarriesTheSameInterconnectPlanAtVersionZero() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()).withTransitSwitchCount(2));

        assertThat(plan.clusterPlans()).extracting(ClusterPlan::clusterId)
                .containsExactly("other-f", "ovn-a", "ovn-b", "ovn-c", "under-d", "under-e");
        assertThat(plan.clusterPlans()).allSatisfy(p -> {
            assertThat(p.version()).isZero();
            assertThat(p.interconnect()).isSameAs(plan.interconnect());
        });
        assertThat(plan.interconnect().version()).isZero();
        assertThat(plan.interconnect().transitSwitches()).extracting(TransitSwitch::name).containsExactly("ts", "ts1");
        assertThat(plan.interconnect().transitSwitches().get(1).member("az-a").gatewayChassis())
                .containsExactly("a-gw2", "a-gw1");
        assertThat(plan.transitAllocations().indexesOn("ts")).containsOnlyKeys("az-a", "az-b");
    }

    @Test
    void everyClusterGetsEveryImportSortedByServiceKey() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()));

        assertThat(plan.clusterPlans()).allSatisfy(p -> assertThat(p.imports())
                .extracting(i -> i.service().toString()).containsExactly("bank/ledger", "shop/cart"));
    }

    @Test
    void gatewayPeersFollowTheGatewayPaths() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()));

        // ovn-b exports shop/cart; routed to ovn-a, gateway to everyone else
        assertThat(plan.plan("ovn-b").gatewayPeers()).extracting(GatewayPeer::clusterId)
                .containsExactly("other-f", "ovn-c", "under-d", "under-e");
        assertThat(plan.plan("under-e").gatewayPeers()).extracting(GatewayPeer::clusterId)
                .containsExactly("other-f", "ovn-a", "ovn-b", "ovn-c");
        assertThat(plan.plan("ovn-a").gatewayPeers().get(0).gateways()).extracting(g -> g.name())
                .containsExactly("gw-1", "gw-2");
    }

    @Test
    void expiredLeaseWithdrawsEndpointsFromEveryPlanButKeepsTheExport() {
        FederationPlan plan = planner.plan(PlanningInput.of(mixedFederation()).withExpiredLeases(Set.of("ovn-a")));

        assertThat(plan.clusterPlans()).allSatisfy(p -> {
            ClusterEndpoints a = entry(p, CART, "ovn-a");
            assertThat(a.health()).isEqualTo(ClusterHealth.LEASE_EXPIRED);
            assertThat(a.endpoints()).isEmpty();
        });
        assertThat(plan.plan("ovn-a").exportStatus()).hasSize(2);
        assertThat(entry(plan.plan("ovn-b"), CART, "ovn-a").path()).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void leaseReturningRestoresTheEndpoints() {
        PlanningInput input = PlanningInput.of(mixedFederation());
        FederationPlan expired = planner.plan(input.withExpiredLeases(Set.of("ovn-a")));
        FederationPlan back = planner.plan(input.withExpiredLeases(Set.of()));

        assertThat(expired).isNotEqualTo(back);
        assertThat(back).isEqualTo(planner.plan(input));
        assertThat(entry(back.plan("ovn-c"), CART, "ovn-a").endpoints()).hasSize(2);
    }

    @Test
    void shuffledInputGivesEqualPlans() {
        FederationPlan reference = planner.plan(PlanningInput.of(mixedFederation()).withTransitSwitchCount(3));
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            List<ClusterInventory> shuffled = new ArrayList<>(mixedFederation().stream()
                    .map(c -> shuffled(c, random)).toList());
            Collections.shuffle(shuffled, random);

            FederationPlan plan = planner.plan(PlanningInput.of(shuffled).withTransitSwitchCount(3));

            assertThat(plan).as("seed %d", seed).isEqualTo(reference);
            assertThat(plan.clusterPlans()).as("seed %d", seed).isEqualTo(reference.clusterPlans());
        }
    }

    @Test
    void replanningWithTheReturnedAllocationsChangesNothing() {
        PlanningInput input = PlanningInput.of(mixedFederation());
        FederationPlan first = planner.plan(input);

        FederationPlan again = planner.plan(input.withPreviousAllocations(first.transitAllocations()));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void transitAddressesStableWhenAnotherAzJoinsTheFederation() {
        List<ClusterInventory> clusters = new ArrayList<>(mixedFederation());
        FederationPlan before = planner.plan(PlanningInput.of(clusters));
        clusters.add(cluster("ovn-0").overlay("az-0").pods("10.50.0.0/16").build());

        FederationPlan after = planner.plan(PlanningInput.of(clusters)
                .withPreviousAllocations(before.transitAllocations()));

        assertThat(after.interconnectGroup().members()).contains("ovn-0");
        TransitSwitch ts = after.interconnect().transitSwitches().get(0);
        assertThat(ts.member("az-a")).isEqualTo(before.interconnect().transitSwitches().get(0).member("az-a"));
        assertThat(ts.member("az-b")).isEqualTo(before.interconnect().transitSwitches().get(0).member("az-b"));
        assertThat(ts.member("az-0").address().toInterfaceString()).isEqualTo("169.254.100.3/24");
    }

    @Test
    void moreInterconnectableClustersThanTransitAddressesStillPlansEveryone() {
        List<ClusterInventory> clusters = IntStream.range(0, 256)
                .mapToObj(i -> cluster(String.format("c%03d", i)).overlay("az-" + i).pods("10." + i + ".0.0/16")
                        .build())
                .toList();

        FederationPlan plan = planner.plan(PlanningInput.of(clusters));

        assertThat(plan.clusterPlans()).hasSize(256);
        assertThat(plan.interconnectGroup().members()).hasSize(254).doesNotContain("c254", "c255");
        assertThat(plan.paths().path("c000", "c255")).isEqualTo(DataPath.GATEWAY);
        assertThat(plan.interconnect().transitSwitches().get(0).members()).hasSize(254);
    }

    @Test
    void noInterconnectPlanWithoutTwoInterconnectableClusters() {
        FederationPlan plan = planner.plan(PlanningInput.of(List.of(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").build(),
                cluster("b").pods("10.16.0.0/16").build())));

        assertThat(plan.interconnect()).isEqualTo(InterconnectPlan.EMPTY);
        assertThat(plan.transitAllocations()).isEqualTo(TransitAllocations.EMPTY);
        assertThat(plan.plan("a").interconnect()).isEqualTo(InterconnectPlan.EMPTY);
    }

    @Test
    void emptyClusterSetHasNoPlans() {
        FederationPlan plan = planner.plan(PlanningInput.of(List.of()));

        assertThat(plan.clusterPlans()).isEmpty();
        assertThat(plan.plan("a")).isNull();
    }

    @Test
    void planOfUnknownClusterIsNull() {
        assertThat(planner.plan(PlanningInput.of(mixedFederation())).plan("nowhere")).isNull();
    }

    @Test
    void plans255ClustersWith20ServicesEach() {
        List<ClusterInventory> clusters = IntStream.range(0, 255).mapToObj(FederationPlannerTest::largeCluster)
                .toList();

        FederationPlan plan = planner.plan(PlanningInput.of(clusters));

        assertThat(plan.clusterPlans()).hasSize(255);
        assertThat(plan.interconnectGroup().members()).hasSize(200);
        assertThat(plan.interconnect().transitSwitches().get(0).members()).hasSize(200);
        // 40 services shared by many clusters: every cluster imports all of them
        assertThat(plan.clusterPlans()).allSatisfy(p -> {
            assertThat(p.imports()).hasSize(40);
            assertThat(p.exportStatus()).hasSize(20);
        });
        ClusterPlan first = plan.plan("c000");
        assertThat(first.importOf(ServiceKey.parse("ns/svc-00")).clusters()).hasSize(128);
        assertThat(entry(first, ServiceKey.parse("ns/svc-00"), "c002").path()).isEqualTo(DataPath.ROUTED);
        assertThat(entry(first, ServiceKey.parse("ns/svc-00"), "c254").path()).isEqualTo(DataPath.GATEWAY);
    }

    /** Clusters 0-199 overlay, 200-229 underlay, 230-254 other CNIs; cluster i exports 20 of 40 services. */
    private static ClusterInventory largeCluster(int i) {
        InventoryFixture.ClusterBuilder builder = cluster(String.format("c%03d", i))
                .pods("10." + i + ".0.0/16").join("100.64." + i + ".0/24").services("192.168.0.0/16")
                .gateway("gw", "gw.c" + i + ".example", 8443);
        if (i < 200) {
            builder.overlay("az-" + i);
        } else if (i < 230) {
            builder.underlay();
        }
        for (int s = 0; s < 20; s++) {
            int service = (i % 2) * 20 + s;
            InventoryFixture.ExportBuilder export = export(String.format("ns/svc-%02d", service)).at(i)
                    .tcp("http", 80).policy(new TrafficPolicy(LoadBalancing.WEIGHTED, List.of()));
            for (int e = 0; e < 10; e++) {
                export.ready("10." + i + "." + s + "." + e);
            }
            builder.exports(export);
        }
        return builder.build();
    }

    private static ClusterInventory shuffled(ClusterInventory cluster, Random random) {
        ClusterNetwork n = cluster.network();
        ClusterNetwork network = new ClusterNetwork(n.region(), n.zone(), n.kind(), n.availabilityZone(),
                shuffled(n.podCidrs(), random), shuffled(n.serviceCidrs(), random), shuffled(n.joinCidrs(), random),
                shuffled(n.subnets(), random), n.gatewayNodes(), shuffled(n.gateways(), random));
        List<ExportedService> exports = cluster.exports().stream()
                .map(e -> new ExportedService(e.service(), e.type(), e.sessionAffinity(), shuffled(e.ports(), random),
                        shuffled(e.endpoints(), random), e.exportedAt(), e.weight(), e.priority(), e.policy()))
                .toList();
        return new ClusterInventory(cluster.clusterId(), cluster.generation(), network, shuffled(exports, random));
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
