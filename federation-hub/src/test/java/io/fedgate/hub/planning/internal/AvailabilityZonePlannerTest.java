package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cidrs;
import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.internal.PlanningSteps.group;
import static io.fedgate.hub.planning.internal.PlanningSteps.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.ClusterInventory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvailabilityZonePlannerTest {
    private final AvailabilityZonePlanner planner = new AvailabilityZonePlanner();

    private List<AvailabilityZonePlan> plan(ClusterInventory... clusters) {
        List<ClusterInventory> sorted = sorted(clusters);
        return planner.plan(sorted, sorted.stream().map(AddressSpace::of).toList(), group(sorted, Set.of()));
    }

    private static AvailabilityZonePlan zone(List<AvailabilityZonePlan> plans, String az) {
        return plans.stream().filter(p -> p.availabilityZone().equals(az)).findFirst().orElseThrow();
    }

    @Test
    void everyMemberAdvertisesAndLearnsInAzOrder() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("zone-b").pods("10.16.0.0/16").build(),
                cluster("b").overlay("zone-a").pods("10.17.0.0/16").build(),
                cluster("c").pods("10.18.0.0/16").build());

        assertThat(plans).containsExactly(
                new AvailabilityZonePlan("zone-a", "b", true, true, List.of()),
                new AvailabilityZonePlan("zone-b", "a", true, true, List.of()));
    }

    @Test
    void identicalServiceCidrsAreDenylisted() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.96.0.0/12").build());

        assertThat(zone(plans, "az-a").routeDenylist()).containsExactlyElementsOf(cidrs("10.96.0.0/12"));
        assertThat(zone(plans, "az-b").routeDenylist()).containsExactlyElementsOf(cidrs("10.96.0.0/12"));
    }

    @Test
    void denylistHoldsPrefixesOfClustersOutsideTheGroupThatOverlapOwnPrefixes() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.112.0.0/12").build(),
                cluster("c").pods("10.16.0.0/24", "172.30.0.0/16").services("10.100.0.0/16").join("100.64.0.0/16")
                        .build());

        assertThat(zone(plans, "az-a").routeDenylist())
                .containsExactlyElementsOf(cidrs("10.16.0.0/24", "10.100.0.0/16"));
        assertThat(zone(plans, "az-b").routeDenylist()).isEmpty();
    }

    @Test
    void nonOverlappingPrefixesAreNotDenylisted() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16", "fd00:16::/64").services("10.96.0.0/16").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16", "fd00:17::/64").services("10.97.0.0/16").build());

        assertThat(plans).allSatisfy(p -> assertThat(p.routeDenylist()).isEmpty());
    }

    @Test
    void ipv6ServiceRangesOverlappingOwnAreDenylisted() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("fd00:16::/64").services("fd00:96::/108").build(),
                cluster("b").overlay("az-b").pods("fd00:17::/64").services("fd00:96::/112").build());

        assertThat(zone(plans, "az-a").routeDenylist()).containsExactlyElementsOf(cidrs("fd00:96::/112"));
        assertThat(zone(plans, "az-b").routeDenylist()).containsExactlyElementsOf(cidrs("fd00:96::/108"));
    }

    @Test
    void serviceRangeSharedByTwoOtherMembersIsDenylisted() {
        // c would otherwise learn 10.96.0.0/12 from both a and b
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.96.0.0/16").build(),
                cluster("c").overlay("az-c").pods("10.18.0.0/16").services("172.31.0.0/16").build());

        assertThat(zone(plans, "az-c").routeDenylist())
                .containsExactlyElementsOf(cidrs("10.96.0.0/12", "10.96.0.0/16"));
        assertThat(zone(plans, "az-a").routeDenylist()).containsExactlyElementsOf(cidrs("10.96.0.0/16"));
    }

    @Test
    void membersRoutablePrefixesNeverLandOnAnotherMembersDenylist() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").join("100.64.0.0/16").services("10.96.0.0/12")
                        .build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").join("100.65.0.0/16").services("10.96.0.0/12")
                        .build(),
                cluster("c").overlay("az-c").pods("10.18.0.0/16").join("100.66.0.0/16").services("10.96.0.0/12")
                        .build());

        assertThat(plans).hasSize(3).allSatisfy(p ->
                assertThat(p.routeDenylist()).containsExactlyElementsOf(cidrs("10.96.0.0/12")));
    }

    @Test
    void denylistIsNormalizedSortedAndDeduplicated() {
        List<AvailabilityZonePlan> plans = plan(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12", "fd00:96::/108").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("fd00:96::1/108", "10.96.0.1/12").build(),
                cluster("c").pods("10.19.0.0/16").services("10.96.0.0/12", "10.100.0.0/16").build());

        assertThat(zone(plans, "az-a").routeDenylist())
                .containsExactlyElementsOf(cidrs("10.96.0.0/12", "10.100.0.0/16", "fd00:96::/108"));
        assertThat(zone(plans, "az-a").routeDenylist().get(0).toInterfaceString()).isEqualTo("10.96.0.0/12");
    }
}
