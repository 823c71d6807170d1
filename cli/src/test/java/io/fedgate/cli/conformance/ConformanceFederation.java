package io.fedgate.cli.conformance;

import static org.awaitility.Awaitility.await;

import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.api.topology.TopologyParser;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.cli.local.LocalHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clusters the conformance suite runs against, the counterpart of its {@code -contexts} flag: a real hub and,
 * for east and west of {@code three-cluster-active-active.yaml}, a {@link LocalCluster} (fabric8's mock API server,
 * the one stand-in for kube-apiserver, with its real agent joined to the hub over mutual TLS). east is the
 * upstream suite's {@code clients[0]}, the cluster that exports, and west is {@code clients[1]}. east is dual
 * stack, west IPv4 only.
 *
 * <p>Each cluster's simulated API server allocates Service IPs as kube-apiserver does. Like the upstream
 * {@code BeforeSuite}, start-up fails unless every cluster serves ServiceExports and ServiceImports in
 * {@link McsApi#API_VERSION}.
 */
final class ConformanceFederation implements AutoCloseable {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final List<String> CLUSTERS = List.of("east", "west");
    private static final Duration CONNECTED = Duration.ofSeconds(30);
    /** Host index of the first pod address in a pod CIDR. */
    private static final long FIRST_POD_HOST = 10;

    private final List<LocalCluster> clusters = new ArrayList<>();
    private final AtomicLong nextPodHost = new AtomicLong(FIRST_POD_HOST);
    private LocalHub hub;

    private ConformanceFederation() {
    }

    /** Starts the hub, the clusters and their agents, keeping their files under {@code workDir}. */
    static ConformanceFederation start(Path workDir) throws IOException {
        ConformanceFederation federation = new ConformanceFederation();
        try {
            federation.startAll(workDir);
            return federation;
        } catch (IOException | RuntimeException e) {
            federation.close();
            throw e;
        }
    }

    private void startAll(Path workDir) throws IOException {
        Topology topology = TopologyParser.parse(TOPOLOGY);
        hub = LocalHub.start(LocalHub.Settings.of(topology.clusterSet()).withLease(Duration.ofSeconds(4))
                .withPlanningDebounce(Duration.ofMillis(20)), workDir);
        int index = 1;
        for (String id : CLUSTERS) {
            TopologyCluster c = topology.clusters().stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(TOPOLOGY + " has no cluster " + id));
            LocalCluster cluster = new LocalCluster(c, List.of("127.0.0." + index++),
                    workDir.resolve("certs").resolve(id));
            clusters.add(cluster);
            AgentConfig config = cluster.agentConfig().withTimings(Duration.ofMillis(50), Duration.ofMillis(500),
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200));
            cluster.startAgent(config, hub.urls(), hub, RotationPolicy.DEFAULT, AvailabilityZoneProgrammer.NONE);
        }
        await().atMost(CONNECTED).until(() -> clusters.stream()
                .allMatch(c -> c.agent().health().ready() && c.agent().hubConnected()));
        clusters.forEach(ConformanceFederation::requireMcsApi);
    }

    /** The upstream {@code setupClients()} check: both MCS kinds can be listed in {@link McsApi#API_VERSION}. */
    private static void requireMcsApi(LocalCluster cluster) {
        for (String kind : List.of(McsApi.SERVICE_EXPORT, McsApi.SERVICE_IMPORT)) {
            try {
                cluster.client().genericKubernetesResources(McsApi.API_VERSION, kind).inAnyNamespace().list();
            } catch (RuntimeException e) {
                throw new IllegalStateException("error listing " + kind + "s in " + McsApi.API_VERSION
                        + " on cluster " + cluster.id() + ": " + e.getMessage() + ". Is the MCS API installed?", e);
            }
        }
    }

    /** The clusters, {@code clients[0]} (east) first. */
    List<LocalCluster> clusters() {
        return clusters;
    }

    /** The hub. */
    LocalHub hub() {
        return hub;
    }

    /** The host index of the next pod's addresses in the pod CIDRs, unique across the cases of one federation. */
    long nextPodHost() {
        return nextPodHost.getAndIncrement();
    }

    @Override
    public void close() {
        clusters.forEach(LocalCluster::close);
        if (hub != null) {
            hub.close();
        }
    }
}
