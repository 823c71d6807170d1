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

    @Test
    void onlyAValueOlderByTheMapsRuleIsBehind() {
        TokenRecord unused = new TokenRecord("east", "agent", 1, 100, "ops", 0, null);
        TokenRecord used = unused.redeemed(50, "spiffe://set/cluster/east/agent");
        assertThat(PersistedMap.TOKENS.behind(used, unused)).isTrue();
        assertThat(PersistedMap.TOKENS.behind(unused, used)).isFalse();
        assertThat(PersistedMap.TOKENS.behind(used, used)).isFalse();

        assertThat(PersistedMap.PLAN_VERSIONS.behind(9L, 7L)).isTrue();
        assertThat(PersistedMap.PLAN_VERSIONS.behind(9L, 9L)).isFalse();
        assertThat(PersistedMap.ALLOCATIONS.behind(new AllocationsRecord(4, new byte[0]),
                new AllocationsRecord(3, new byte[0]))).isTrue();
        assertThat(PersistedMap.ALLOCATIONS.behind(new AllocationsRecord(4, new byte[0]),
                new AllocationsRecord(4, new byte[] {1}))).isFalse();

        ClusterStatus joined = new ClusterStatus(10, "admin", 20);
        assertThat(PersistedMap.CLUSTER_STATUS.behind(joined, new ClusterStatus(10, "admin", 0))).isTrue();
        assertThat(PersistedMap.CLUSTER_STATUS.behind(joined, new ClusterStatus(0, null, 20))).isTrue();
        assertThat(PersistedMap.CLUSTER_STATUS.behind(joined, new ClusterStatus(30, "admin", 20))).isFalse();
    }
}
