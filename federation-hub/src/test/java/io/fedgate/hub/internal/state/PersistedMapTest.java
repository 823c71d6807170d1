package io.fedgate.hub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Copies of the hub's decisions from several disks merge forward only, in any order. */
class PersistedMapTest {
    @Test
    void higherPlanVersionWins() {
        assertThat(PersistedMap.PLAN_VERSIONS.merge(7L, 9L)).isEqualTo(9L);
        assertThat(PersistedMap.PLAN_VERSIONS.merge(9L, 7L)).isEqualTo(9L);
    }

    @Test
    void aTokenSeenUsedAnywhereStaysUsed() {
        TokenRecord unused = new TokenRecord("east", "agent", 1, 100, "ops", 0, null);
        TokenRecord used = unused.redeemed(50, "spiffe://set/cluster/east/agent");

        assertThat(PersistedMap.TOKENS.merge(unused, used)).isEqualTo(used);
        assertThat(PersistedMap.TOKENS.merge(used, unused)).isEqualTo(used);
    }

    @Test
    void newerAllocationRevisionWins() {
        AllocationsRecord older = new AllocationsRecord(3, new byte[] {1});
        AllocationsRecord newer = new AllocationsRecord(4, new byte[] {2});

        assertThat(PersistedMap.ALLOCATIONS.merge(newer, older)).isSameAs(newer);
        assertThat(PersistedMap.ALLOCATIONS.merge(older, newer)).isSameAs(newer);
    }

    @Test
    void removalAndRejoinTimesMergeToTheLaterOfEach() {
        ClusterStatus removed = new ClusterStatus(200, "spiffe://set/admin/ops", 100);
        ClusterStatus rejoined = new ClusterStatus(0, null, 300);

        ClusterStatus merged = (ClusterStatus) PersistedMap.CLUSTER_STATUS.merge(removed, rejoined);

        assertThat(merged).isEqualTo(new ClusterStatus(200, "spiffe://set/admin/ops", 300));
        assertThat(merged.removed()).isFalse();
        assertThat(removed.removed()).isTrue();
    }
}
