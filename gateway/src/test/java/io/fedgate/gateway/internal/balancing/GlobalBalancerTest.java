package io.fedgate.gateway.internal.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.TrafficPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobalBalancerTest {
    private static final String SERVICE = "bank/payments";
    private static final TrafficPolicy WEIGHTED = new TrafficPolicy(LoadBalancing.WEIGHTED, List.of());
    private static final TrafficPolicy LOCAL_FIRST = TrafficPolicy.DEFAULT;
    private static final TrafficPolicy LEAST_LATENCY = new TrafficPolicy(LoadBalancing.LEAST_LATENCY, List.of());
    private static final int PICKS = 20_000;

    private final FakeTicker ticker = new FakeTicker();
    private final List<String> events = new ArrayList<>();
    private final BalancingListener recording = new BalancingListener() {
        @Override
        public void ejected(String service, String clusterId, String targetKey, Duration period) {
            events.add("ejected " + targetKey + " for " + period);
        }

        @Override
        public void failover(String service, String fromCluster, String toCluster) {
            events.add("failover " + fromCluster + "->" + toCluster);
        }
    };
    private final GlobalBalancer balancer = new GlobalBalancer("c", BalancingSettings.DEFAULT.withHoldDown(
            Duration.ofSeconds(5)), ticker, new Random(42), recording);

    private static ClusterCandidate<FakeTarget> cluster(String id, String region, int priority, int weight,
                                                        FakeTarget... targets) {
        return new ClusterCandidate<>(id, region, priority, weight, true, id.equals("c"), List.of(targets));
    }

    private Map<String, Integer> firstChoices(TrafficPolicy policy, List<ClusterCandidate<FakeTarget>> clusters) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(balancer.route(SERVICE, policy, clusters).attempts().get(0).clusterId(), 1, Integer::sum);
        }
        return counts;
    }

    private static double share(Map<String, Integer> counts, String cluster) {
        return counts.getOrDefault(cluster, 0) / (double) PICKS;
    }

    @Test
    void weightedPolicySplitsByWeightWithinTolerance() {
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 70, new FakeTarget("a1")),
                cluster("b", "us", 0, 30, new FakeTarget("b1")));
        Map<String, Integer> counts = firstChoices(WEIGHTED, clusters);
        assertThat(share(counts, "a")).isCloseTo(0.70, within(0.02));
        assertThat(share(counts, "b")).isCloseTo(0.30, within(0.02));
    }

    @Test
    void weightsApplyOnlyAmongTheBestPriorityAndLowerPrioritiesAreTheFailover() {
        FakeTarget a1 = new FakeTarget("a1");
        FakeTarget b1 = new FakeTarget("b1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 50, a1),
                cluster("b", "eu", 0, 50, b1), cluster("d", "us", 1, 100, new FakeTarget("d1")));
        Map<String, Integer> counts = firstChoices(WEIGHTED, clusters);
        assertThat(share(counts, "d")).isZero();
        assertThat(share(counts, "a")).isCloseTo(0.5, within(0.02));

        a1.live = false;
        counts = firstChoices(WEIGHTED, clusters);
        assertThat(share(counts, "b")).isEqualTo(1.0);

        b1.live = false;
        Route<FakeTarget> route = balancer.route(SERVICE, WEIGHTED, clusters);
        assertThat(route.attempts()).extracting(Attempt::clusterId).containsExactly("d");
    }

    @Test
    void localFirstPrefersOwnClusterThenOwnRegionThenOthers() {
        FakeTarget c1 = new FakeTarget("c1");
        FakeTarget eu1 = new FakeTarget("eu1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("far", "us", 0, 100, new FakeTarget("far1")),
                cluster("near", "eu", 0, 1, eu1), cluster("c", "eu", 5, 1, c1));
        assertThat(balancer.route(SERVICE, LOCAL_FIRST, clusters).attempts())
                .extracting(Attempt::clusterId).containsExactly("c", "near", "far");
        c1.live = false;
        assertThat(balancer.route(SERVICE, LOCAL_FIRST, clusters).attempts())
                .extracting(Attempt::clusterId).containsExactly("near", "far");
        eu1.live = false;
        assertThat(balancer.route(SERVICE, LOCAL_FIRST, clusters).attempts())
                .extracting(Attempt::clusterId).containsExactly("far");
    }

    @Test
    void localFirstUsesTheConfiguredRegionWhenTheOwnClusterDoesNotServe() {
        balancer.localRegion("eu");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("far", "us", 0, 100, new FakeTarget("far1")),
                cluster("near", "eu", 0, 1, new FakeTarget("eu1")));
        assertThat(balancer.route(SERVICE, LOCAL_FIRST, clusters).attempts().get(0).clusterId()).isEqualTo("near");
    }

    @Test
    void priorityFailoverFollowsTheNamedOrderThenPriorities() {
        TrafficPolicy policy = new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, List.of("b", "a"));
        FakeTarget b1 = new FakeTarget("b1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, new FakeTarget("a1")),
                cluster("b", "eu", 9, 1, b1), cluster("x", "eu", 0, 1, new FakeTarget("x1")),
                cluster("y", "eu", 1, 1, new FakeTarget("y1")));
        BalancingSettings wide = new BalancingSettings(4, 1, Duration.ZERO, OutlierPolicy.DEFAULT);
        GlobalBalancer four = new GlobalBalancer("c", wide, ticker, new Random(1), BalancingListener.NONE);
        assertThat(four.route(SERVICE, policy, clusters).attempts()).extracting(Attempt::clusterId)
                .containsExactly("b", "a", "x", "y");
        b1.live = false;
        assertThat(four.route(SERVICE, policy, clusters).attempts()).extracting(Attempt::clusterId)
                .containsExactly("a", "x", "y");
    }

    @Test
    void leastLatencyPrefersTheLowerEwmaRtt() {
        List<ClusterCandidate<FakeTarget>> clusters = List.of(
                cluster("fast", "eu", 0, 1, new FakeTarget("f1").rtt(1_000_000)),
                cluster("slow", "eu", 0, 1, new FakeTarget("s1").rtt(40_000_000)));
        assertThat(share(firstChoices(LEAST_LATENCY, clusters), "fast")).isEqualTo(1.0);
    }

    @Test
    void leastLatencyPowerOfTwoChoicesNeverPicksTheWorstOfThree() {
        List<ClusterCandidate<FakeTarget>> clusters = List.of(
                cluster("a", "eu", 0, 1, new FakeTarget("a1").rtt(1_000_000)),
                cluster("b", "eu", 0, 1, new FakeTarget("b1").rtt(2_000_000)),
                cluster("z", "eu", 0, 1, new FakeTarget("z1").rtt(90_000_000)));
        Map<String, Integer> counts = firstChoices(LEAST_LATENCY, clusters);
        assertThat(share(counts, "z")).isZero();
        // a wins whenever it is one of the two picks (2 of 3 pairs), b otherwise
        assertThat(share(counts, "a")).isCloseTo(2 / 3.0, within(0.02));
    }

    @Test
    void consecutiveFailuresEjectATargetForAGrowingPeriod() {
        FakeTarget a1 = new FakeTarget("a1");
        FakeTarget a2 = new FakeTarget("a2");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, a1, a2));
        Route<FakeTarget> route = balancer.route(SERVICE, WEIGHTED, clusters);
        Attempt<FakeTarget> onA1 = new Attempt<>("a", a1);
        for (int i = 0; i < 3; i++) {
            balancer.failed(route, onA1);
        }
        assertThat(events).containsExactly("ejected a1 for PT2S");
        for (int i = 0; i < 50; i++) {
            assertThat(balancer.route(SERVICE, WEIGHTED, clusters).attempts())
                    .extracting(a -> a.target().key()).containsExactly("a2");
        }
        ticker.advance(Duration.ofSeconds(2));
        assertThat(balancer.isEjected("a1")).isFalse();
        for (int i = 0; i < 3; i++) {
            balancer.failed(route, onA1);
        }
        assertThat(events).containsExactly("ejected a1 for PT2S", "ejected a1 for PT4S");
        ticker.advance(Duration.ofSeconds(3));
        assertThat(balancer.isEjected("a1")).isTrue();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(balancer.isEjected("a1")).isFalse();
    }

    @Test
    void aSuccessEndsTheFailureStreak() {
        FakeTarget a1 = new FakeTarget("a1");
        Route<FakeTarget> route = balancer.route(SERVICE, WEIGHTED, List.of(cluster("a", "eu", 0, 1, a1)));
        Attempt<FakeTarget> onA1 = new Attempt<>("a", a1);
        balancer.failed(route, onA1);
        balancer.failed(route, onA1);
        balancer.succeeded(route, onA1);
        balancer.failed(route, onA1);
        balancer.failed(route, onA1);
        assertThat(balancer.isEjected("a1")).isFalse();
    }

    @Test
    void recoveredClusterTakesTrafficBackOnlyAfterTheHoldDown() {
        FakeTarget a1 = new FakeTarget("a1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, a1),
                cluster("b", "eu", 1, 1, new FakeTarget("b1")));
        assertThat(firstCluster(clusters)).isEqualTo("a");
        a1.live = false;
        assertThat(firstCluster(clusters)).isEqualTo("b");
        a1.live = true;
        assertThat(firstCluster(clusters)).isEqualTo("b");
        ticker.advance(Duration.ofSeconds(4));
        assertThat(firstCluster(clusters)).isEqualTo("b");
        ticker.advance(Duration.ofSeconds(1));
        assertThat(firstCluster(clusters)).isEqualTo("a");
    }

    @Test
    void flappingClusterStaysOutInsteadOfThrashing() {
        FakeTarget a1 = new FakeTarget("a1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, a1),
                cluster("b", "eu", 1, 1, new FakeTarget("b1")));
        assertThat(firstCluster(clusters)).isEqualTo("a");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a1.live = i % 2 == 1;
            ticker.advance(Duration.ofSeconds(2));
            seen.add(firstCluster(clusters));
        }
        assertThat(seen).containsOnly("b");
        assertThat(balancer.healthyClusters(SERVICE, clusters)).isEqualTo(1);
    }

    @Test
    void failoverIsReportedWhenARetryOrHealthMovesTheFlow() {
        FakeTarget a1 = new FakeTarget("a1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, a1),
                cluster("b", "eu", 1, 1, new FakeTarget("b1")));
        Route<FakeTarget> route = balancer.route(SERVICE, WEIGHTED, clusters);
        assertThat(route.attempts()).extracting(Attempt::clusterId).containsExactly("a", "b");
        balancer.failed(route, route.attempts().get(0));
        balancer.succeeded(route, route.attempts().get(1));
        assertThat(events).containsExactly("failover a->b");

        a1.live = false;
        Route<FakeTarget> moved = balancer.route(SERVICE, WEIGHTED, clusters);
        balancer.succeeded(moved, moved.attempts().get(0));
        assertThat(events).containsExactly("failover a->b", "failover a->b");
    }

    @Test
    void whenNothingIsHealthyTheLiveTargetsOfPlanHealthyClustersAreStillTried() {
        FakeTarget a1 = new FakeTarget("a1");
        List<ClusterCandidate<FakeTarget>> clusters = List.of(cluster("a", "eu", 0, 1, a1));
        Route<FakeTarget> route = balancer.route(SERVICE, WEIGHTED, clusters);
        for (int i = 0; i < 3; i++) {
            balancer.failed(route, new Attempt<>("a", a1));
        }
        assertThat(balancer.isEjected("a1")).isTrue();
        assertThat(balancer.route(SERVICE, WEIGHTED, clusters).attempts()).extracting(a -> a.target().key())
                .containsExactly("a1");
    }

    @Test
    void attemptsAreBoundedPerClusterAndInTotal() {
        List<ClusterCandidate<FakeTarget>> clusters = List.of(
                cluster("a", "eu", 0, 1, new FakeTarget("a1"), new FakeTarget("a2"), new FakeTarget("a3")),
                cluster("b", "eu", 1, 1, new FakeTarget("b1"), new FakeTarget("b2")));
        assertThat(balancer.route(SERVICE, WEIGHTED, clusters).attempts()).extracting(Attempt::clusterId)
                .containsExactly("a", "a", "b");
    }

    @Test
    void planUnhealthyClustersTakeNoTraffic() {
        List<ClusterCandidate<FakeTarget>> clusters = List.of(
                new ClusterCandidate<>("a", "eu", 0, 1, false, false, List.of(new FakeTarget("a1"))),
                cluster("b", "eu", 1, 1, new FakeTarget("b1")));
        assertThat(balancer.route(SERVICE, WEIGHTED, clusters).attempts()).extracting(Attempt::clusterId)
                .containsExactly("b");
    }

    private String firstCluster(List<ClusterCandidate<FakeTarget>> clusters) {
        return balancer.route(SERVICE, WEIGHTED, clusters).attempts().get(0).clusterId();
    }
}
