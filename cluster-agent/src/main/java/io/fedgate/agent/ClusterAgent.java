package io.fedgate.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fedgate.agent.internal.AgentLoop;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * One cluster's agent.
 *
 * <p>It watches Services, EndpointSlices, ServiceExports, ServiceImports, Nodes, Namespaces and, with
 * Kube-OVN, Subnets and {@code kube-system/ovn-ic-config}; reports the cluster's exports and network to the
 * hub through the {@link HubLink} (a snapshot with a generation, then debounced deltas; a full snapshot after
 * every reconnection or when the hub asks); and applies each plan it receives: ServiceImports, derived
 * Services and labelled EndpointSlices per source cluster, {@code Valid}/{@code Conflict} conditions on
 * ServiceExports, and this cluster's availability zone through the {@link AvailabilityZoneProgrammer}.
 *
 * <p>Writes go through one compare-then-write path with the configured field manager, so a quiet cluster
 * causes no writes and a restarted agent with unchanged state writes nothing. Objects fedgate does not own are
 * never changed. While the hub is unreachable nothing imported is removed.
 */
public final class ClusterAgent implements AutoCloseable {
    private final AgentLoop loop;
    private boolean started;

    /**
     * @param client     the cluster's API; the agent needs the permissions of the agent chart's ClusterRole
     * @param hub        the link to the hub, opened by the caller and closed by it after {@link #close()}
     * @param zones      programs the availability zone ({@link AvailabilityZoneProgrammer#NONE} without Kube-OVN)
     * @param registry   where the agent's meters go, tagged with the cluster id
     * @param clock      time for condition transitions, sync lag and generations
     */
    public ClusterAgent(AgentConfig config, KubernetesClient client, HubLink hub, AvailabilityZoneProgrammer zones,
                        MeterRegistry registry, Clock clock) {
        this(config, client, hub, zones, InterconnectMonitor.NONE, registry, clock);
    }

    /**
     * As above, reporting what interconnection achieved through {@code monitor} (with Kube-OVN, every
     * {@link AgentConfig#interconnectObserveInterval()}, sent to the hub when it changed).
     */
    public ClusterAgent(AgentConfig config, KubernetesClient client, HubLink hub, AvailabilityZoneProgrammer zones,
                        InterconnectMonitor monitor, MeterRegistry registry, Clock clock) {
        this.loop = new AgentLoop(Objects.requireNonNull(config, "config"), Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(hub, "hub"), Objects.requireNonNull(zones, "zones"),
                Objects.requireNonNull(monitor, "monitor"), Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Starts the agent in the background: CRD check, informers, plan watch. Returns at once; {@link #health()}
     * tells when it is ready.
     *
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("agent already started");
        }
        started = true;
        loop.start();
    }

    /** What {@code /healthz} and {@code /readyz} report. */
    public AgentHealth health() {
        return loop.health();
    }

    /** Stops watching and writing. Objects written stay as they are. */
    @Override
    public void close() {
        loop.close();
    }
}
