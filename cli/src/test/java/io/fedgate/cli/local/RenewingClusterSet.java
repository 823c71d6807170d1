package io.fedgate.cli.local;

import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the certificate renewal ITs share: a real hub issuing short-lived certificates for a topology's cluster
 * set, and clusters whose real agents (fast timings) renew theirs by {@code renewal}. Closing stops everything
 * started through it, newest first, then the hub.
 */
final class RenewingClusterSet implements AutoCloseable {
    private final Topology topology;
    private final LocalHub hub;
    private final RotationPolicy renewal;
    private final Path workDir;
    private final List<AutoCloseable> started = new ArrayList<>();

    RenewingClusterSet(Path topologyFile, Duration validity, RotationPolicy renewal, Path workDir) throws IOException {
        this.topology = TopologyParser.parse(topologyFile);
        this.renewal = renewal;
        this.workDir = workDir;
        this.hub = LocalHub.start(LocalHub.Settings.of(topology.clusterSet()).withCertificateValidity(validity),
                workDir);
    }

    LocalHub hub() {
        return hub;
    }

    /** Where component {@code component} of cluster {@code clusterId} keeps its certificate. */
    Path certDir(String clusterId, String component) {
        return workDir.resolve("certs").resolve(clusterId).resolve(component);
    }

    /** Cluster {@code id} with namespace {@code bank} and a renewing agent, its gateway Service at {@code gateways}. */
    LocalCluster cluster(String id, List<String> gateways) {
        LocalCluster cluster = new LocalCluster(topology.clusters().stream().filter(c -> c.id().equals(id))
                .findFirst().orElseThrow(), gateways, certDir(id, "agent"));
        started.add(cluster);
        cluster.seed().namespace("bank");
        AgentConfig config = cluster.agentConfig().withTimings(Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200));
        cluster.startAgent(config, hub.urls(), hub, renewal, AvailabilityZoneProgrammer.NONE);
        return cluster;
    }

    /** Stops {@code resource} with the rest, before what was started earlier. */
    <T extends AutoCloseable> T closing(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        try {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        } finally {
            hub.close();
        }
    }
}
