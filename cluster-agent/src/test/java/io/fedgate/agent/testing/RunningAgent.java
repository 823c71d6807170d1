package io.fedgate.agent.testing;

import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.ClusterAgent;
import io.fedgate.agent.WriteMethod;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * A real {@link ClusterAgent} against a {@link MockCluster}, with test timings (50 ms debounce), the write
 * method the mock server supports, and its own meter registry so its writes can be counted.
 */
public final class RunningAgent implements AutoCloseable {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClusterAgent agent;

    public RunningAgent(MockCluster cluster, AgentConfig config, HubLink hub, AvailabilityZoneProgrammer zones) {
        this(cluster, config, hub, zones, InterconnectMonitor.NONE);
    }

    public RunningAgent(MockCluster cluster, AgentConfig config, HubLink hub, AvailabilityZoneProgrammer zones,
                        InterconnectMonitor monitor) {
        this.agent = new ClusterAgent(config, cluster.client(), hub, zones, monitor, registry, Clock.systemUTC());
        agent.start();
    }

    /** Test defaults for {@code clusterId}: fast timings, create or update (the mock has no server-side apply). */
    public static AgentConfig testConfig(String clusterId) {
        return AgentConfig.defaults(clusterId).withWriteMethod(WriteMethod.CREATE_OR_UPDATE)
                .withTimings(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    /** The agent. */
    public ClusterAgent agent() {
        return agent;
    }

    /** {@code fedgate_agent_writes_total{kind}}. */
    public double writes(String kind) {
        Counter counter = registry.find(MetricNames.micrometerName(MetricNames.AGENT_WRITES_TOTAL))
                .tag(MetricNames.LABEL_KIND, kind).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The value of the gauge {@code prometheusName} of this cluster, NaN when it does not exist. */
    public double gauge(String prometheusName) {
        io.micrometer.core.instrument.Gauge gauge = registry.find(MetricNames.micrometerName(prometheusName)).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /** {@code prometheusName{outcome}} of a counter, 0 when it does not exist. */
    public double count(String prometheusName, String outcome) {
        Counter counter = registry.find(MetricNames.micrometerName(prometheusName))
                .tag(MetricNames.LABEL_OUTCOME, outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        agent.close();
    }
}
