package io.fedgate.gateway.internal.balancing;

import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Groups serving clusters into ranks by policy: every cluster of a rank is preferred to every cluster of the
 * next one. Within a rank, weights (or latency) decide; that is how weights and failover combine.
 * <ul>
 *   <li>{@code LOCAL_FIRST}: own cluster, then the own region, then the rest; each tier by priority;</li>
 *   <li>{@code WEIGHTED} and {@code LEAST_LATENCY}: by priority;</li>
 *   <li>{@code PRIORITY_FAILOVER}: the clusters named in {@code failoverOrder}, one rank each in that
 *       order, then the others by priority.</li>
 * </ul>
 */
final class ClusterRanking {
    private ClusterRanking() {
    }

    /**
     * The ranks of {@code clusters}, best first, each sorted by cluster id.
     *
     * @param localRegion the own cluster's region (null when unknown)
     */
    static <T extends BalancingTarget> List<List<ClusterCandidate<T>>> ranks(TrafficPolicy policy,
                                                                            List<ClusterCandidate<T>> clusters,
                                                                            String localRegion) {
        if (clusters.size() <= 1) {
            // the common case of an import served by one cluster, on every new connection
            return clusters.isEmpty() ? List.of() : List.of(List.of(clusters.get(0)));
        }
        TreeMap<long[], List<ClusterCandidate<T>>> byRank = new TreeMap<>(ClusterRanking::compareRanks);
        for (ClusterCandidate<T> c : clusters) {
            byRank.computeIfAbsent(rankOf(policy, c, localRegion), k -> new ArrayList<>()).add(c);
        }
        List<List<ClusterCandidate<T>>> ranks = new ArrayList<>(byRank.size());
        for (List<ClusterCandidate<T>> rank : byRank.values()) {
            rank.sort(Comparator.comparing(ClusterCandidate::clusterId));
            ranks.add(rank);
        }
        return ranks;
    }

    private static long[] rankOf(TrafficPolicy policy, ClusterCandidate<?> c, String localRegion) {
        LoadBalancing lb = policy.loadBalancing();
        if (lb == LoadBalancing.LOCAL_FIRST) {
            int tier = c.local() ? 0 : (localRegion != null && Objects.equals(localRegion, c.region()) ? 1 : 2);
            return new long[] {tier, c.priority()};
        }
        if (lb == LoadBalancing.PRIORITY_FAILOVER) {
            int named = policy.failoverOrder().indexOf(c.clusterId());
            return named >= 0 ? new long[] {named, 0} : new long[] {policy.failoverOrder().size(), c.priority()};
        }
        return new long[] {c.priority()};
    }

    private static int compareRanks(long[] a, long[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
