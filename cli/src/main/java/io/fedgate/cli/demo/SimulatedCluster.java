package io.fedgate.cli.demo;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.cli.local.ClusterSeed;
import io.fedgate.cli.local.JoinFiles;
import io.fedgate.cli.local.LocalAgent;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.cli.wiring.HubIdentity;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.HubPlanSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated cluster of the demo: a {@link LocalCluster} (its Kubernetes API, seeded by {@link ClusterSeed},
 * and its real agent), its real gateway replicas and its demo backends. Each cluster has its own
 * loopback /24, {@code 127.77.<index>.0/24}: gateways at {@code .1}, {@code .2}, backends from {@code .10}.
 *
 * <p>The workload (agent, gateways, backends) can be stopped and started again ({@code --chaos}); the API server
 * and the certificates obtained at the first start stay.
 */
final class SimulatedCluster implements AutoCloseable {
    /** Gateway replicas per cluster. */
    static final int GATEWAYS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);

    private final TopologyCluster cluster;
    private final int index;
    private final LocalCluster local;
    private final Map<String, List<Integer>> backendPorts = new HashMap<>();
    private final List<String> backendAddresses = new ArrayList<>();
    private final List<DemoBackend> backends = new ArrayList<>();
    private final List<GatewayServer> gateways = new ArrayList<>();
    private final Path certRoot;
    private volatile boolean running;

    SimulatedCluster(TopologyCluster cluster, int index, Path certRoot) {
        this.cluster = cluster;
        this.index = index;
        this.certRoot = certRoot;
        this.local = new LocalCluster(cluster, gatewayAddresses(), certRoot.resolve(cluster.id()).resolve("agent"));
    }

    String id() {
        return cluster.id();
    }

    TopologyCluster topology() {
        return cluster;
    }

    boolean running() {
        return running;
    }

    /** The simulated API server's URL. */
    String apiUrl() {
        return local.api().url();
    }

    /** Writes a kubeconfig for this cluster's simulated API server to {@code file}. */
    void writeKubeconfig(Path file) throws IOException {
        local.writeKubeconfig(file);
    }

    NamespacedKubernetesClient client() {
        return local.client();
    }

    /** The loopback address of host {@code host} of this cluster's /24. */
    String address(int host) {
        return "127.77." + index + "." + host;
    }

    List<String> gatewayAddresses() {
        List<String> addresses = new ArrayList<>();
        for (int r = 1; r <= GATEWAYS; r++) {
            addresses.add(address(r));
        }
        return addresses;
    }

    /** Seeds an export of {@code service} served by {@code count} new backends; returns their addresses. */
    List<String> export(ClusterSeed.SeededService service, int weight, int priority, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = address(10 + backendAddresses.size());
            backendAddresses.add(address);
            addresses.add(address);
            backendPorts.put(address, service.ports().stream().map(p -> p.port()).toList());
        }
        local.seed().export(service, weight, priority, addresses);
        return addresses;
    }

    /** Starts the backends, the gateways and the agent (joining on the first start). */
    synchronized void start(List<URI> hubs, JoinFiles tokens, ExecutorService workers, GatewayTuning tuning,
                            Duration heartbeat) {
        try {
            for (String address : backendAddresses) {
                for (int port : backendPorts.get(address)) {
                    backends.add(DemoBackend.start(cluster.id(), new InetSocketAddress(address, port), workers));
                }
            }
            Path gatewayCerts = certRoot.resolve(cluster.id()).resolve("gateway");
            for (int r = 1; r <= GATEWAYS; r++) {
                InetAddress listen = InetAddress.getByName(address(r));
                TlsMaterial identity;
                HubPlanSource source = new HubPlanSource(HubIdentity.connect(hubs, cluster.id(), Component.GATEWAY,
                        tokens.token(cluster.id(), Component.GATEWAY), tokens.caFile(), gatewayCerts), cluster.id());
                identity = TlsMaterial.load(gatewayCerts);
                gateways.add(GatewayServer.start(new GatewayConfig(cluster.id(), cluster.id() + "-gw-" + r, identity,
                        listen, GatewayListenerPorts.DEFAULT, new InetSocketAddress(listen, ClusterSeed.TUNNEL_PORT),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of(), tuning), source));
            }
            AgentConfig config = local.agentConfig().withTimings(Duration.ofMillis(100), heartbeat,
                    Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1));
            local.startAgent(config, hubs, tokens, RotationPolicy.DEFAULT, AvailabilityZoneProgrammer.NONE);
            running = true;
            LOG.info("cluster {}: agent, {} gateways and {} backends started", cluster.id(), gateways.size(),
                    backends.size());
        } catch (IOException e) {
            stop();
            throw new DemoException("cluster " + cluster.id() + ": cannot start its workload: " + e.getMessage(), e);
        }
    }

    /** Stops the agent (its lease then expires on the hub), the gateways and the backends. */
    synchronized void stop() {
        running = false;
        local.stopAgent();
        for (int i = gateways.size() - 1; i >= 0; i--) {
            gateways.get(i).drain(Duration.ZERO);
        }
        gateways.clear();
        backends.forEach(DemoBackend::close);
        backends.clear();
    }

    /** The running gateway replicas (empty while stopped). */
    synchronized List<GatewayServer> gateways() {
        return List.copyOf(gateways);
    }

    /** The agent's /metrics port, or -1 while stopped. */
    synchronized int agentMetricsPort() {
        LocalAgent agent = local.agent();
        return agent == null ? -1 : agent.managementPort();
    }

    /** The agent's current Prometheus text, empty while stopped. */
    synchronized String agentMetrics() {
        LocalAgent agent = local.agent();
        return agent == null ? "" : agent.scrape();
    }

    @Override
    public void close() {
        stop();
        local.close();
    }
}
