package io.fedgate.gateway.internal.balancing;

import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.TrafficPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Chooses, for each new connection of an import, a serving cluster and then an endpoint or peer gateway in
 * it, and the next choices to try when that fails.
 *
 * <p>A cluster can take traffic when the plan reports it healthy, it has at least one live, non-ejected
 * target, and {@link HoldDown} admits it (a recovered cluster waits out the hold-down). Clusters are ranked
 * by the policy ({@link ClusterRanking}); within the best rank the choice is weighted random, or for
 * {@link LoadBalancing#LEAST_LATENCY} the better of two weighted-random picks by EWMA RTT (power of two
 * choices). The following ranks give the failover order. When no cluster can take traffic, the balancer
 * still tries the plan-healthy clusters with live targets, ignoring ejections and hold-down (a last resort
 * beats a certain error).
 */
public final class GlobalBalancer {
    /** Order of the preferred cluster within the best rank: the own cluster, then the heaviest, then the lowest id. */
    private static final Comparator<ClusterCandidate<?>> PREFERENCE = Comparator
            .comparingInt((ClusterCandidate<?> c) -> c.local() ? 1 : 0)
            .thenComparingInt(ClusterCandidate::weight)
            .thenComparing(ClusterCandidate::clusterId, Comparator.reverseOrder());
    private final String localCluster;
    private final BalancingSettings settings;
    private final Random random;
    private final BalancingListener listener;
    private volatile String localRegion;
    private final OutlierDetector outliers;
    private final HoldDown holdDown;

    /**
     * @param localCluster the gateway's own cluster id
     * @param random       thread-safe random source (seeded in tests)
     */
    public GlobalBalancer(String localCluster, BalancingSettings settings, Ticker ticker, Random random,
                          BalancingListener listener) {
        this.localCluster = Objects.requireNonNull(localCluster, "localCluster");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.outliers = new OutlierDetector(settings.outlierPolicy(), ticker);
        this.holdDown = new HoldDown(settings.holdDown(), ticker);
    }

    /** The gateway's own cluster id. */
    public String localCluster() {
        return localCluster;
    }

    /**
     * Sets the own cluster's region (from the plan), used by local-first when the own cluster does not serve
     * an import itself; null when unknown.
     */
    public void localRegion(String region) {
        this.localRegion = region;
    }

    /** The ordered tries for one new connection of {@code service}. */
    public <T extends BalancingTarget> Route<T> route(String service, TrafficPolicy policy,
                                                      List<ClusterCandidate<T>> clusters) {
        // loops rather than streams here and below: this runs for every new connection
        String region = localRegion;
        for (ClusterCandidate<T> c : clusters) {
            if (c.local() && c.region() != null) {
                region = c.region();
                break;
            }
        }
        List<List<ClusterCandidate<T>>> allRanks = ClusterRanking.ranks(policy, clusters, region);
        String preferred = null;
        Set<String> preferredRank = Set.of();
        if (!allRanks.isEmpty()) {
            List<ClusterCandidate<T>> best = allRanks.get(0);
            ClusterCandidate<T> top = best.get(0);
            String[] ids = new String[best.size()];
            for (int i = 0; i < ids.length; i++) {
                ClusterCandidate<T> c = best.get(i);
                ids[i] = c.clusterId();
                if (PREFERENCE.compare(c, top) > 0) {
                    top = c;
                }
            }
            preferred = top.clusterId();
            preferredRank = Set.copyOf(Arrays.asList(ids));
        }
        List<ClusterCandidate<T>> admitted = new ArrayList<>();
        for (ClusterCandidate<T> c : clusters) {
            if (holdDown.admit(healthKey(service, c.clusterId()), canServe(c))) {
                admitted.add(c);
            }
        }
        boolean lastResort = admitted.isEmpty();
        List<ClusterCandidate<T>> usable = lastResort ? lastResorts(clusters) : admitted;
        List<Attempt<T>> attempts = new ArrayList<>(settings.maxAttempts());
        for (List<ClusterCandidate<T>> rank : ClusterRanking.ranks(policy, usable, region)) {
            for (ClusterCandidate<T> c : orderWithinRank(policy, rank)) {
                int perCluster = 0;
                for (T target : shuffledTargets(c, lastResort)) {
                    if (attempts.size() == settings.maxAttempts()) {
                        return new Route<>(service, preferred, preferredRank, attempts);
                    }
                    if (perCluster++ == settings.maxAttemptsPerCluster()) {
                        break;
                    }
                    attempts.add(new Attempt<>(c.clusterId(), target));
                }
            }
        }
        return new Route<>(service, preferred, preferredRank, attempts);
    }

    /** The plan-healthy clusters with a live target, ejected or held down or not. */
    private static <T extends BalancingTarget> List<ClusterCandidate<T>> lastResorts(List<ClusterCandidate<T>> clusters) {
        List<ClusterCandidate<T>> out = new ArrayList<>();
        for (ClusterCandidate<T> c : clusters) {
            if (c.reportedHealthy() && c.targets().stream().anyMatch(BalancingTarget::live)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Records that {@code attempt} of {@code route} carried the flow: ends the target's failure streak. */
    public void succeeded(Route<?> route, Attempt<?> attempt) {
        outliers.recordSuccess(attempt.target().key());
        String served = attempt.clusterId();
        listener.served(route.service(), served);
        String firstTried = route.attempts().get(0).clusterId();
        if (!firstTried.equals(served)) {
            listener.failover(route.service(), firstTried, served);
        } else if (route.preferredCluster() != null && !route.preferredRank().contains(served)) {
            listener.failover(route.service(), route.preferredCluster(), served);
        }
    }

    /** Records that {@code attempt} of {@code route} failed to connect or open; may eject the target. */
    public void failed(Route<?> route, Attempt<?> attempt) {
        Duration ejection = outliers.recordFailure(attempt.target().key());
        if (ejection != null) {
            listener.ejected(route.service(), attempt.clusterId(), attempt.target().key(), ejection);
        }
    }

    /** How many serving clusters of {@code service} can take traffic now (health, liveness, hold-down). */
    public <T extends BalancingTarget> int healthyClusters(String service, List<ClusterCandidate<T>> clusters) {
        int healthy = 0;
        for (ClusterCandidate<T> c : clusters) {
            if (holdDown.admit(healthKey(service, c.clusterId()), canServe(c))) {
                healthy++;
            }
        }
        return healthy;
    }

    /** True when {@code key} is ejected by outlier detection now. */
    public boolean isEjected(String key) {
        return outliers.isEjected(key);
    }

    /** Forgets state of targets and of (service, cluster) pairs ({@link #healthKey}) that left the plan. */
    public void retainOnly(Set<String> targetKeys, Set<String> serviceClusterPairs) {
        outliers.retainOnly(targetKeys);
        holdDown.retainOnly(serviceClusterPairs);
    }

    /** The key {@link #retainOnly} expects for a (service, cluster) pair. */
    public static String healthKey(String service, String clusterId) {
        return service + "@" + clusterId;
    }

    private boolean canServe(ClusterCandidate<?> c) {
        if (!c.reportedHealthy()) {
            return false;
        }
        for (BalancingTarget t : c.targets()) {
            if (t.live() && !outliers.isEjected(t.key())) {
                return true;
            }
        }
        return false;
    }

    private <T extends BalancingTarget> List<T> shuffledTargets(ClusterCandidate<T> c, boolean ignoreEjections) {
        List<T> available = new ArrayList<>(c.targets().size());
        for (T t : c.targets()) {
            if (t.live() && (ignoreEjections || !outliers.isEjected(t.key()))) {
                available.add(t);
            }
        }
        for (int i = available.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = available.get(i);
            available.set(i, available.get(j));
            available.set(j, tmp);
        }
        return available;
    }

    private <T extends BalancingTarget> List<ClusterCandidate<T>> orderWithinRank(TrafficPolicy policy,
                                                                                 List<ClusterCandidate<T>> rank) {
        if (rank.size() == 1) {
            return rank;
        }
        if (policy.loadBalancing() != LoadBalancing.LEAST_LATENCY) {
            return weightedPermutation(rank);
        }
        // power of two choices: two weighted picks, the lower EWMA RTT goes first; the rest by RTT
        List<ClusterCandidate<T>> pool = new ArrayList<>(rank);
        ClusterCandidate<T> a = pool.remove(weightedIndex(pool));
        ClusterCandidate<T> b = pool.remove(weightedIndex(pool));
        ClusterCandidate<T> first = rtt(b) < rtt(a) ? b : a;
        List<ClusterCandidate<T>> rest = new ArrayList<>(rank);
        rest.remove(first);
        rest.sort(Comparator.comparingDouble(this::rtt));
        List<ClusterCandidate<T>> ordered = new ArrayList<>(rank.size());
        ordered.add(first);
        ordered.addAll(rest);
        return ordered;
    }

    /** Own cluster 0; otherwise the best EWMA RTT among live targets, +inf when none is measured. */
    private double rtt(ClusterCandidate<?> c) {
        if (c.local()) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (BalancingTarget t : c.targets()) {
            double r = t.rttNanos();
            if (t.live() && !Double.isNaN(r) && r < best) {
                best = r;
            }
        }
        return best;
    }

    private <T extends BalancingTarget> List<ClusterCandidate<T>> weightedPermutation(List<ClusterCandidate<T>> rank) {
        List<ClusterCandidate<T>> pool = new ArrayList<>(rank);
        List<ClusterCandidate<T>> ordered = new ArrayList<>(rank.size());
        while (!pool.isEmpty()) {
            ordered.add(pool.remove(weightedIndex(pool)));
        }
        return ordered;
    }

    /** A weighted random index; zero weights only when every weight left is zero (then uniform). */
    private int weightedIndex(List<? extends ClusterCandidate<?>> pool) {
        long total = 0;
        for (ClusterCandidate<?> c : pool) {
            total += c.weight();
        }
        if (total == 0) {
            return random.nextInt(pool.size());
        }
        long pick = random.nextLong(total);
        for (int i = 0; i < pool.size(); i++) {
            pick -= pool.get(i).weight();
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weighted pick " + pick + " beyond total " + total);
    }
}
