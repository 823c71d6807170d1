package io.fedgate.agent.internal;

import io.fedgate.agent.internal.kube.ObjectReconciler;
import io.fedgate.api.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's meters, every one tagged with {@code cluster}:
 * <ul>
 *   <li>{@code fedgate_agent_writes_total{kind}}: Kubernetes writes (creates, updates, deletes) by kind;</li>
 *   <li>{@code fedgate_agent_plan_version}: the plan version applied last;</li>
 *   <li>{@code fedgate_agent_hub_connected}: 1 while the plan watch is live;</li>
 *   <li>{@code fedgate_agent_sync_lag_seconds}: how long the newest local change has waited for the hub (growing
 *       while it waits), or how long the last one took to be accepted.</li>
 * </ul>
 */
public final class AgentMetrics implements ObjectReconciler.WriteRecorder {
    private final MeterRegistry registry;
    private final String clusterId;
    private final Clock clock;
    private final Map<String, Counter> writes = new ConcurrentHashMap<>();
    private final AtomicLong planVersion = new AtomicLong();
    private final AtomicLong hubConnected = new AtomicLong();
    private volatile Instant pendingSince;
    private volatile Duration lastLag = Duration.ZERO;

    public AgentMetrics(MeterRegistry registry, String clusterId, Clock clock) {
        this.registry = registry;
        this.clusterId = clusterId;
        this.clock = clock;
        Gauge.builder(MetricNames.micrometerName(MetricNames.AGENT_PLAN_VERSION), planVersion, AtomicLong::get)
                .description("Version of the plan the agent applied last")
                .tag(MetricNames.LABEL_CLUSTER, clusterId).register(registry);
        Gauge.builder(MetricNames.micrometerName(MetricNames.AGENT_HUB_CONNECTED), hubConnected, AtomicLong::get)
                .description("1 while the agent holds a live plan watch on the hub")
                .tag(MetricNames.LABEL_CLUSTER, clusterId).register(registry);
        Gauge.builder(MetricNames.micrometerName(MetricNames.AGENT_SYNC_LAG_SECONDS), this, AgentMetrics::syncLagSeconds)
                .description("Seconds between a local change and its acceptance by the hub")
                .tag(MetricNames.LABEL_CLUSTER, clusterId).register(registry);
    }

    @Override
    public void written(String kind) {
        writes.computeIfAbsent(kind, k -> Counter.builder(MetricNames.micrometerName(MetricNames.AGENT_WRITES_TOTAL))
                .description("Kubernetes writes of the agent by kind")
                .tag(MetricNames.LABEL_CLUSTER, clusterId).tag(MetricNames.LABEL_KIND, k)
                .register(registry)).increment();
    }

    /** The plan of {@code version} was applied. */
    public void planApplied(long version) {
        planVersion.set(version);
    }

    /** The plan watch went up or down. */
    public void hubConnected(boolean connected) {
        hubConnected.set(connected ? 1 : 0);
    }

    /** A local change waits for the hub (kept from the first such call until {@link #inventoryAccepted()}). */
    public void inventoryPending() {
        if (pendingSince == null) {
            pendingSince = clock.instant();
        }
    }

    /** The hub accepted everything pending. */
    public void inventoryAccepted() {
        Instant since = pendingSince;
        if (since != null) {
            lastLag = Duration.between(since, clock.instant());
            pendingSince = null;
        }
    }

    private double syncLagSeconds() {
        Instant since = pendingSince;
        Duration lag = since != null ? Duration.between(since, clock.instant()) : lastLag;
        return lag.toNanos() / 1e9;
    }
}
