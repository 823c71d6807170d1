package io.fedgate.hub.planning;

import static io.fedgate.hub.planning.InventoryFixture.cidrs;
import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteHealthTest {
    private static final ServiceKey CART = ServiceKey.parse("shop/cart");
    private static final ClusterPair AB = ClusterPair.of("a", "b");

    private static InterconnectState state(boolean daemon, boolean registered, List<String> problems,
                                           String... learned) {
        return new InterconnectState(InterconnectMode.KUBE_OVN, daemon, registered, cidrs(learned), problems);
    }

    private static InterconnectState healthy(String... learned) {
        return state(true, true, List.of(), learned);
    }

    private static ClusterInventory a(InterconnectState s) {
        return cluster("a").overlay("az-a").pods("10.16.0.0/16").interconnect(s)
                .exports(export("shop/cart").ready("10.16.0.5")).build();
    }

    private static ClusterInventory b(InterconnectState s) {
        return cluster("b").overlay("az-b").pods("10.17.0.0/16").subnet("extra", "10.18.0.0/24").interconnect(s).build();
    }

    @Test
    void routesAreInPlaceWhenBothLearnedEveryPodAndSubnetPrefixOfTheOther() {
        assertThat(RouteHealth.observe(List.of(a(healthy("10.17.0.0/16", "10.18.0.0/24")), b(healthy("10.16.0.0/16")))))
                .isEqualTo(Map.of(AB, true));
        // a broader learned prefix covers the narrower one
        assertThat(RouteHealth.observe(List.of(a(healthy("10.16.0.0/12")), b(healthy("10.16.0.0/16")))))
                .isEqualTo(Map.of(AB, true));
    }

    @Test
    void eachMissingPieceTakesThePairOutAndIsNamed() {
        InterconnectState bGood = healthy("10.16.0.0/16");
        Map<String, InterconnectState> broken = Map.of(
                "ovn-ic of a is not active", state(false, true, List.of(), "10.17.0.0/16", "10.18.0.0/24"),
                "AZ of a is not registered in IC-SB", state(true, false, List.of(), "10.17.0.0/16", "10.18.0.0/24"),
                "a: Logical_Router_Port \"az-a-ts\" has no owner marker",
                state(true, true, List.of("Logical_Router_Port \"az-a-ts\" has no owner marker"), "10.17.0.0/16",
                        "10.18.0.0/24"),
                "a has not learned 10.18.0.0/24 of b", healthy("10.17.0.0/16"));
        broken.forEach((why, aState) -> {
            ClusterInventory ia = a(aState);
            ClusterInventory ib = b(bGood);
            assertThat(RouteHealth.observe(List.of(ia, ib))).as(why).isEqualTo(Map.of(AB, false));
            assertThat(RouteHealth.missing("a", ia.network(), "b", ib.network())).isEqualTo(why);
        });
        ClusterInventory ia = a(healthy("10.17.0.0/16", "10.18.0.0/24"));
        ClusterInventory ib = b(healthy());
        assertThat(RouteHealth.missing("a", ia.network(), "b", ib.network()))
                .isEqualTo("b has not learned 10.16.0.0/16 of a");
    }

    @Test
    void pairsWhereASideReportsNothingAreNotJudged() {
        assertThat(RouteHealth.observe(List.of(a(null), b(healthy())))).isEmpty();
        ClusterInventory noAz = cluster("c").kind(io.fedgate.api.model.NetworkKind.KUBE_OVN_OVERLAY)
                .pods("10.19.0.0/16").interconnect(healthy()).build();
        assertThat(RouteHealth.observe(List.of(a(healthy()), noAz))).isEmpty();
    }

    @Test
    void aHeldPairIsPlannedThroughGatewaysWhileTheGroupAndTransitSwitchesStay() {
        FederationPlanner planner = new FederationPlanner();
        List<ClusterInventory> clusters = List.of(a(healthy()), b(healthy()));
        FederationPlan routed = planner.plan(PlanningInput.of(clusters));
        FederationPlan held = planner.plan(PlanningInput.of(clusters).withHeldOnGateway(Set.of(AB)));

        assertThat(routed.paths().path("b", "a")).isEqualTo(DataPath.ROUTED);
        assertThat(held.paths().path("b", "a")).isEqualTo(DataPath.GATEWAY);
        assertThat(held.paths().path("a", "b")).isEqualTo(DataPath.GATEWAY);
        assertThat(held.paths().decision("b", "a").reason()).isEqualTo(PathReason.ROUTES_NOT_IN_PLACE);
        assertThat(held.paths().decision("b", "a").describe()).contains("routes between them are not in place");
        assertThat(held.plan("b").importOf(CART).clusters().get(0).path()).isEqualTo(DataPath.GATEWAY);
        assertThat(held.interconnectGroup()).isEqualTo(routed.interconnectGroup());
        assertThat(held.interconnect()).isEqualTo(routed.interconnect());
    }

    @Test
    void replanningAfterAHoldChangesPlansEverythingAgain() {
        FederationPlanner planner = new FederationPlanner();
        PlanningInput before = PlanningInput.of(List.of(a(healthy()), b(healthy())));
        PlanningInput after = before.withHeldOnGateway(Set.of(AB));
        FederationPlan first = planner.plan(before);

        assertThat(planner.replan(first, before, after)).isEqualTo(planner.plan(after));
        assertThat(planner.replan(first, before, after).paths().path("a", "b")).isEqualTo(DataPath.GATEWAY);
    }
}
