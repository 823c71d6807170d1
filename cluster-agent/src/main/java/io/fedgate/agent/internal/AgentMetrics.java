package io.fedgate.agent.internal;

import io.fedgate.agent.internal.kube.ObjectReconciler;
import io.fedgate.agent.internal.model.InterconnectReport;
import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.model.InterconnectState;
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
    private final AtomicLong icDaemonActive = new AtomicLong();
    private final AtomicLong icLearned = new AtomicLong();
    private final AtomicLong icProblems = new AtomicLong();

    public AgentMetrics(MeterRegistry registry, String clusterId, Clock clock) {
        this.registry = registry;
        this.clusterId = clusterId;
        this.clock = clock;
        gauge(MetricNames.AGENT_PLAN_VERSION, planVersion, "Version of the plan the agent applied last");
        gauge(MetricNames.AGENT_HUB_CONNECTED, hubConnected, "1 while the agent holds a live plan watch on the hub");
        Gauge.builder(MetricNames.micrometerName(MetricNames.AGENT_SYNC_LAG_SECONDS), this, AgentMetrics::syncLagSeconds)
                .description("Seconds between a local change and its acceptance by the hub")
                .tag(MetricNames.LABEL_CLUSTER, clusterId).register(registry);
    }

    /** Interconnection is watched here (Kube-OVN): its gauges exist from now on, 0 until the first report. */
    public void interconnectWatched() {
        gauge(MetricNames.AGENT_IC_DAEMON_ACTIVE, icDaemonActive,
                "1 while an ovn-ic daemon serves this cluster's AZ, as last observed");
        gauge(MetricNames.AGENT_IC_LEARNED_PREFIXES, icLearned,
                "Prefixes ovn-ic learned into this cluster's NB, as last observed");
        gauge(MetricNames.AGENT_IC_PROBLEMS, icProblems, "Interconnection problems the agent reports");
    }

    private void gauge(String name, AtomicLong value, String description) {
        Gauge.builder(MetricNames.micrometerName(name), value, AtomicLong::get).description(description)
                .tag(MetricNames.LABEL_CLUSTER, clusterId).register(registry);
    }

    /** One look at interconnection: counted by outcome; the gauges follow the reported state. */
    public void interconnectLooked(InterconnectReport report) {
        InterconnectState s = report.state();
        String outcome = report.refusal() != null ? "refused" : s == null ? "not_reported"
                : s.healthy() ? "healthy" : "unhealthy";
        counter(MetricNames.AGENT_IC_OBSERVATIONS_TOTAL, "Looks at interconnection by outcome", outcome);
        icDaemonActive.set(s != null && s.daemonActive() ? 1 : 0);
        icLearned.set(s == null ? 0 : s.learnedPrefixes().size());
        icProblems.set(s == null ? 0 : s.problems().size());
    }

    /** One fedgate-mode programming pass of the AZ, {@code applied} or {@code failed}. */
    public void zoneProgrammed(boolean applied) {
        counter(MetricNames.AGENT_IC_PROGRAMMING_TOTAL, "fedgate-mode programming passes of the AZ by outcome",
                applied ? "applied" : "failed");
    }

    private void counter(String name, String description, String outcome) {
        Counter.builder(MetricNames.micrometerName(name)).description(description)
                .tag(MetricNames.LABEL_CLUSTER, clusterId).tag(MetricNames.LABEL_OUTCOME, outcome)
                .register(registry).increment();
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
