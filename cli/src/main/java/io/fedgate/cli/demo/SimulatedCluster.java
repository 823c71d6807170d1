package io.fedgate.cli.demo;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.ClusterAgent;
import io.fedgate.agent.HubClientLink;
import io.fedgate.agent.ManagementServer;
import io.fedgate.agent.WriteMethod;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.cli.wiring.HubIdentity;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.HubPlanSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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
 * One simulated cluster of the demo: its Kubernetes API (fabric8's mock server in CRUD mode, seeded by
 * {@link ClusterSeed}), its real agent, its real gateway replicas and its demo backends. Each cluster has its own
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
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final Map<String, List<Integer>> backendPorts = new HashMap<>();
    private final List<String> backendAddresses = new ArrayList<>();
    private final List<DemoBackend> backends = new ArrayList<>();
    private final List<GatewayServer> gateways = new ArrayList<>();
    private final Path certRoot;
    private ClusterAgent agent;
    private HubClientLink link;
    private ManagementServer agentManagement;
    private PrometheusMeterRegistry agentRegistry;
    private volatile boolean running;

    SimulatedCluster(TopologyCluster cluster, int index, Path certRoot) {
        this.cluster = cluster;
        this.index = index;
        this.certRoot = certRoot;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        this.client = server.createClient();
        new ClusterSeed(client, cluster).platform(gatewayAddresses());
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
        return server.url("/");
    }

    NamespacedKubernetesClient client() {
        return client;
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
    List<String> export(ClusterSeed.DemoService service, int weight, int priority, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = address(10 + backendAddresses.size());
            backendAddresses.add(address);
            addresses.add(address);
            backendPorts.put(address, service.ports().stream().map(p -> p.port()).toList());
        }
        new ClusterSeed(client, cluster).export(service, weight, priority, addresses);
        return addresses;
    }

    /** Starts the backends, the gateways and the agent (joining on the first start). */
    synchronized void start(List<URI> hubs, Tokens tokens, ExecutorService workers, GatewayTuning tuning,
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
                        tokens.file(cluster.id(), Component.GATEWAY), tokens.caFile(), gatewayCerts), cluster.id());
                identity = TlsMaterial.load(gatewayCerts);
                gateways.add(GatewayServer.start(new GatewayConfig(cluster.id(), cluster.id() + "-gw-" + r, identity,
                        listen, GatewayListenerPorts.DEFAULT, new InetSocketAddress(listen, ClusterSeed.TUNNEL_PORT),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of(), tuning), source));
            }
            link = new HubClientLink(HubIdentity.connect(hubs, cluster.id(), Component.AGENT,
                    tokens.file(cluster.id(), Component.AGENT), tokens.caFile(),
                    certRoot.resolve(cluster.id()).resolve("agent")), cluster.id());
            agentRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            AgentConfig config = AgentConfig.defaults(cluster.id()).withWriteMethod(WriteMethod.CREATE_OR_UPDATE)
                    .withKubeOvn(cluster.isKubeOvn()).withServiceCidrs(cluster.serviceCidrs())
                    .withGatewayService(new ServiceKey(ClusterSeed.SYSTEM_NAMESPACE, ClusterSeed.GATEWAY_SERVICE))
                    .withTimings(Duration.ofMillis(100), heartbeat, Duration.ofMillis(200), Duration.ofSeconds(2),
                            Duration.ofSeconds(1));
            agent = new ClusterAgent(config, client, link, AvailabilityZoneProgrammer.NONE, agentRegistry,
                    Clock.systemUTC());
            agentManagement = ManagementServer.start("127.0.0.1", 0, agentRegistry::scrape, agent::health);
            agent.start();
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
        if (agentManagement != null) {
            agentManagement.close();
            agentManagement = null;
        }
        if (agent != null) {
            agent.close();
            agent = null;
        }
        if (link != null) {
            link.close();
            link = null;
        }
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
        return agentManagement == null ? -1 : agentManagement.port();
    }

    /** The agent's current Prometheus text, empty while stopped. */
    synchronized String agentMetrics() {
        return agentRegistry == null || agent == null ? "" : agentRegistry.scrape();
    }

    @Override
    public void close() {
        stop();
        client.close();
        server.destroy();
    }

    /** Where join tokens made for the demo are kept. */
    interface Tokens {
        Path file(String clusterId, Component component);

        Path caFile();
    }
}
