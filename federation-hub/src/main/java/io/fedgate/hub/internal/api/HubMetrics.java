package io.fedgate.hub.internal.api;

import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.HubSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The hub's Prometheus metrics, named by {@link MetricNames}: clusters, live clusters, exports, imports and
 * members (gauges read at scrape time), plan version per cluster, lease expiries per cluster (counted by the
 * planning leader), the seconds left on this member's server certificate ({@code cluster="hub"}), and the
 * values this member refused per map because they did not open or were replayed ({@code map}; the plan
 * histories count under {@code fedgate.plan-history}).
 */
public final class HubMetrics {
    private final PrometheusMeterRegistry registry;
    private final HubState state;
    private final PlanFeed feed;
    private final Duration leaseDuration;
    private final Clock clock;
    private final AtomicReference<TlsMaterial> serverMaterial = new AtomicReference<>();
    private final Map<String, Meter> planVersionGauges = new HashMap<>();

    /** Registers the hub's meters in {@code registry}; leases are judged with {@code leaseDuration} at {@code clock}'s time. */
    public HubMetrics(PrometheusMeterRegistry registry, HubState state, PlanFeed feed, Duration leaseDuration,
                      Clock clock) {
        this.registry = registry;
        this.state = state;
        this.feed = feed;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
        gauge(MetricNames.HUB_CLUSTERS, "Clusters known to the hub", s -> s.inventories().size());
        gauge(MetricNames.HUB_CLUSTERS_LIVE, "Clusters whose lease is current", this::liveClusters);
        gauge(MetricNames.HUB_EXPORTS, "Exported services across the cluster set", s -> summary(s).exports());
        gauge(MetricNames.HUB_IMPORTS, "Imports across the cluster set (distinct services)", s -> summary(s).imports());
        Gauge.builder(MetricNames.micrometerName(MetricNames.HUB_ROUTED_PAIRS), state, s -> summary(s).routedPairs())
                .description("Cluster pairs reporting interconnection, by path: routed, or held on gateways")
                .tag(MetricNames.LABEL_PATH, "routed").register(registry);
        Gauge.builder(MetricNames.micrometerName(MetricNames.HUB_ROUTED_PAIRS), state, s -> summary(s).heldPairs())
                .description("Cluster pairs reporting interconnection, by path: routed, or held on gateways")
                .tag(MetricNames.LABEL_PATH, "gateway").register(registry);
        gauge(MetricNames.HUB_MEMBERS, "Hazelcast members this hub member sees",
                s -> s.hazelcast().getLifecycleService().isRunning() ? s.hazelcast().getCluster().getMembers().size() : 0);
        Gauge.builder(MetricNames.micrometerName(MetricNames.CERT_EXPIRY_SECONDS), serverMaterial, this::secondsLeft)
                .description("Seconds until this hub member's server certificate expires")
                .tag(MetricNames.LABEL_CLUSTER, io.fedgate.hubclient.protocol.HubApi.HUB_CLUSTER_ID)
                .register(registry);
        List<String> sealed = new java.util.ArrayList<>(HubState.MAPS);
        sealed.add(HubState.PLAN_HISTORY_PREFIX.substring(0, HubState.PLAN_HISTORY_PREFIX.length() - 1));
        for (String map : sealed) {
            FunctionCounter.builder(MetricNames.micrometerName(MetricNames.HUB_STATE_INTEGRITY_FAILURES_TOTAL),
                            state.sealing().monitor(), m -> m.count(map))
                    .description("Values read from Hazelcast and refused: not sealed by a member, or replayed")
                    .tag(MetricNames.LABEL_MAP, map).register(registry);
        }
    }

    /** The server certificate whose expiry is reported. */
    public void serverCertificate(TlsMaterial material) {
        serverMaterial.set(material);
    }

    /** Counts one refused anonymous call; {@code reason} comes from a fixed set (e.g. {@code 429 per-source rate}). */
    public void anonymousRefused(String reason) {
        Counter.builder(MetricNames.micrometerName(MetricNames.HUB_ANONYMOUS_REFUSALS_TOTAL))
                .description("Refused anonymous calls (joins, calls without a valid certificate) by reason")
                .tag(MetricNames.LABEL_REASON, reason).register(registry).increment();
    }

    /** Reports {@code inFlight} as the joins this member handles now. */
    public void joinsInFlight(IntSupplier inFlight) {
        Gauge.builder(MetricNames.micrometerName(MetricNames.HUB_JOINS_IN_FLIGHT), inFlight, IntSupplier::getAsInt)
                .description("Joins this hub member is handling now").strongReference(true).register(registry);
    }

    /** Counts one lease expiry of {@code clusterId}. */
    public void leaseExpired(String clusterId) {
        Counter.builder(MetricNames.micrometerName(MetricNames.HUB_LEASE_EXPIRIES_TOTAL))
                .description("Lease expiries per cluster").tag(MetricNames.LABEL_CLUSTER, clusterId)
                .register(registry).increment();
    }

    /** The Prometheus exposition of every metric, refreshing the per-cluster plan version gauges first. */
    public synchronized String scrape() {
        Map<String, Long> versions = feed.latestVersions();
        for (String cluster : Set.copyOf(planVersionGauges.keySet())) {
            if (!versions.containsKey(cluster)) {
                registry.remove(planVersionGauges.remove(cluster));
            }
        }
        versions.keySet().forEach(cluster -> planVersionGauges.computeIfAbsent(cluster, id ->
                Gauge.builder(MetricNames.micrometerName(MetricNames.HUB_PLAN_VERSION), feed, f -> f.latest(id))
                        .description("Newest plan version per cluster").tag(MetricNames.LABEL_CLUSTER, id)
                        .register(registry)));
        return registry.scrape();
    }

    private void gauge(String name, String description, ToDoubleFunction<HubState> value) {
        Gauge.builder(MetricNames.micrometerName(name), state, value).description(description).register(registry);
    }

    private double liveClusters(HubState s) {
        long now = clock.millis();
        Set<String> known = s.inventories().keySet();
        return s.leases().toMap().entrySet().stream()
                .filter(e -> known.contains(e.getKey()) && e.getValue() + leaseDuration.toMillis() > now).count();
    }

    private static HubSummary summary(HubState s) {
        HubSummary summary = s.summary().get(HubState.SUMMARY_KEY);
        return summary == null ? HubSummary.EMPTY : summary;
    }

    private double secondsLeft(AtomicReference<TlsMaterial> material) {
        TlsMaterial current = material.get();
        return current == null ? Double.NaN
                : Duration.between(clock.instant(), current.certificate().getNotAfter().toInstant()).toSeconds();
    }
}
