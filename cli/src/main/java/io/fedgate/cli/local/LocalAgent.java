package io.fedgate.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.AgentHealth;
import io.fedgate.agent.ClusterAgent;
import io.fedgate.agent.HubClientLink;
import io.fedgate.agent.ManagementServer;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.cli.wiring.HubIdentity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A real agent of one simulated cluster, wired as {@code fedgate agent} wires it: a hub link that joins with the
 * cluster's token on first start, then uses (and renews) the certificate in its cert dir; its own Prometheus
 * registry and management port.
 */
public final class LocalAgent implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HubClientLink link;
    private final ClusterAgent agent;
    private final ManagementServer management;

    private LocalAgent(AgentConfig config, KubernetesClient client, HubClientLink link,
                       AvailabilityZoneProgrammer zones, InterconnectMonitor monitor) {
        this.link = link;
        this.agent = new ClusterAgent(config, client, link, zones, monitor, registry, Clock.systemUTC());
        this.management = ManagementServer.start("127.0.0.1", 0, registry::scrape, agent::health);
        agent.start();
    }

    /**
     * Joins (first start) or loads the certificate from {@code certDir}, and starts the agent.
     *
     * @param renewal when the certificate is renewed
     */
    public static LocalAgent start(AgentConfig config, KubernetesClient client, List<URI> hubs, JoinFiles join,
                                   Path certDir, RotationPolicy renewal, AvailabilityZoneProgrammer zones) {
        return start(config, client, hubs, join, certDir, renewal, zones, InterconnectMonitor.NONE);
    }

    /** As above, reporting what interconnection achieved through {@code monitor}. */
    public static LocalAgent start(AgentConfig config, KubernetesClient client, List<URI> hubs, JoinFiles join,
                                   Path certDir, RotationPolicy renewal, AvailabilityZoneProgrammer zones,
                                   InterconnectMonitor monitor) {
        String id = config.clusterId();
        HubClientLink link = HubIdentity.agentLink(hubs, id, join.token(id, Component.AGENT), join.caFile(), certDir,
                renewal);
        try {
            return new LocalAgent(config, client, link, zones, monitor);
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** Liveness and readiness with reasons. */
    public AgentHealth health() {
        return agent.health();
    }

    /** The certificate the agent presents to the hub now. */
    public TlsMaterial certificate() {
        return link.material();
    }

    /** The port of the agent's {@code /metrics}, {@code /healthz}, {@code /readyz}. */
    public int managementPort() {
        return management.port();
    }

    /** The agent's current Prometheus text. */
    public String scrape() {
        return registry.scrape();
    }


    /** {@code fedgate_agent_hub_connected}. */
    public boolean hubConnected() {
        Gauge gauge = registry.find(MetricNames.micrometerName(MetricNames.AGENT_HUB_CONNECTED)).gauge();
        return gauge != null && gauge.value() == 1;
    }

    /** {@code fedgate_agent_plan_version}: the newest plan applied. */
    public long planVersion() {
        Gauge gauge = registry.find(MetricNames.micrometerName(MetricNames.AGENT_PLAN_VERSION)).gauge();
        return gauge == null ? 0 : (long) gauge.value();
    }

    /** Stops the agent (objects it wrote stay), its management port and its hub link. */
    @Override
    public void close() {
        management.close();
        agent.close();
        link.close();
    }
}
