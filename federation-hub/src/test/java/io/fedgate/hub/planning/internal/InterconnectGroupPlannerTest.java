package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.internal.PlanningSteps.group;
import static io.fedgate.hub.planning.internal.PlanningSteps.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.hub.planning.InterconnectGroup;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterconnectGroupPlannerTest {

    private static ClusterInventory overlay(String id, String pods) {
        return cluster(id).overlay("az-" + id).pods(pods).build();
    }

    @Test
    void nonOverlappingCandidatesAllJoin() {
        InterconnectGroup group = group(sorted(overlay("c", "10.18.0.0/16"), overlay("a", "10.16.0.0/16"),
                overlay("b", "10.17.0.0/16")), Set.of());

        assertThat(group.members()).containsExactly("a", "b", "c");
        assertThat(group.exclusions()).isEmpty();
    }

    @Test
    void thirdClusterOverlappingGroupMemberStaysOutOfInterconnectGroup() {
        InterconnectGroup group = group(sorted(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"),
                overlay("c", "10.16.0.0/24")), Set.of());

        assertThat(group.members()).containsExactly("a", "b");
        assertThat(group.exclusionReason("c")).isEqualTo("10.16.0.0/24 overlaps 10.16.0.0/16 of member a");
    }

    @Test
    void candidatesJoinInClusterIdOrder() {
        // b and a overlap: whatever the input order, a (first by id) is in and b is out
        InterconnectGroup group = group(sorted(overlay("b", "10.16.0.0/16"), overlay("a", "10.16.0.0/16"),
                overlay("c", "10.17.0.0/16")), Set.of());

        assertThat(group.members()).containsExactly("a", "c");
        assertThat(group.exclusionReason("b")).contains("of member a");
    }

    @Test
    void newcomerOverlappingIncumbentDoesNotEvictIt() {
        InterconnectGroup group = group(sorted(overlay("a", "10.16.0.0/16"), overlay("b", "10.16.0.0/16"),
                overlay("c", "10.17.0.0/16")), Set.of("az-b", "az-c"));

        assertThat(group.members()).containsExactly("b", "c");
        assertThat(group.exclusionReason("a")).isEqualTo("10.16.0.0/16 overlaps 10.16.0.0/16 of member b");
    }

    @Test
    void secondClusterWithTheSameAvailabilityZoneNameStaysOut() {
        InterconnectGroup group = group(sorted(
                cluster("a").overlay("az-1").pods("10.16.0.0/16").build(),
                cluster("b").overlay("az-1").pods("10.17.0.0/16").build(),
                cluster("c").overlay("az-2").pods("10.18.0.0/16").build()), Set.of());

        assertThat(group.members()).containsExactly("a", "c");
        assertThat(group.exclusionReason("b")).isEqualTo("availability zone \"az-1\" is already used by member a");
    }

    @Test
    void clusterWithoutGatewayNodesStaysOut() {
        InterconnectGroup group = group(sorted(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"),
                cluster("c").overlay("az-c").gatewayNodes().pods("10.18.0.0/16").build()), Set.of());

        assertThat(group.members()).containsExactly("a", "b");
        assertThat(group.exclusionReason("c")).contains("no ovn-ic gateway node");
    }

    @Test
    void clustersWithoutKubeOvnOrAvailabilityZoneAreNotCandidates() {
        InterconnectGroup group = group(sorted(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"),
                cluster("c").pods("10.18.0.0/16").build(),
                cluster("d").kind(NetworkKind.KUBE_OVN_OVERLAY).pods("10.19.0.0/16").build()), Set.of());

        assertThat(group.members()).containsExactly("a", "b");
        assertThat(group.exclusionReason("c")).isEqualTo("does not run Kube-OVN");
        assertThat(group.exclusionReason("d")).contains("no OVN availability zone");
    }

    @Test
    void groupStopsAtItsCapacityKeepingIncumbents() {
        List<ClusterInventory> clusters = sorted(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"),
                overlay("c", "10.18.0.0/16"));

        InterconnectGroup group = new InterconnectGroupPlanner(2).plan(clusters, PlanningSteps.overlaps(clusters),
                Set.of("az-c"));

        assertThat(group.members()).containsExactly("a", "c");
        assertThat(group.exclusionReason("b")).isEqualTo("the interconnect group is full (2 availability zones,"
                + " the host addresses of a transit switch)");
    }

    @Test
    void loneCandidateFormsNoGroup() {
        InterconnectGroup group = group(sorted(overlay("a", "10.16.0.0/16"), cluster("b").build()), Set.of());

        assertThat(group.isEmpty()).isTrue();
        assertThat(group.exclusionReason("a")).isEqualTo("no other cluster can be interconnected with it");
    }

    @Test
    void serviceRangesSharedByAllMembersDoNotKeepAnyoneOut() {
        InterconnectGroup group = group(sorted(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.96.0.0/12").build(),
                cluster("c").overlay("az-c").pods("10.18.0.0/16").services("10.96.0.0/12").build()), Set.of());

        assertThat(group.members()).containsExactly("a", "b", "c");
    }
}
