package io.fedgate.cli.local;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.WriteMethod;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.TopologyCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One simulated cluster of a topology: its Kubernetes API ({@link MockApiServer}, seeded with the cluster's
 * platform by {@link ClusterSeed}) and its real agent, which can be stopped and started again while the API
 * server and the certificate obtained at the first start stay.
 */
public final class LocalCluster implements AutoCloseable {
    private final TopologyCluster cluster;
    private final Path certDir;
    private final MockApiServer api;
    private final ClusterSeed seed;
    private LocalAgent agent;

    /**
     * @param gatewayAddresses the endpoints of the cluster's gateway Service
     * @param certDir          where the agent keeps its certificate
     */
    public LocalCluster(TopologyCluster cluster, List<String> gatewayAddresses, Path certDir) {
        this.cluster = cluster;
        this.certDir = certDir;
        this.api = new MockApiServer(cluster.serviceCidrs());
        this.seed = new ClusterSeed(api.client(), cluster);
        try {
            seed.platform(gatewayAddresses);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** The cluster id. */
    public String id() {
        return cluster.id();
    }

    /** The cluster as the topology describes it. */
    public TopologyCluster topology() {
        return cluster;
    }

    /** A client of the cluster's API server. */
    public NamespacedKubernetesClient client() {
        return api.client();
    }

    /** The cluster's API server. */
    public MockApiServer api() {
        return api;
    }

    /**
     * Writes a kubeconfig for this cluster's API server to {@code file} (context and cluster named like the
     * cluster), so that kubectl can be pointed at it: {@code kubectl --kubeconfig FILE get serviceimports -A}.
     */
    public void writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, api.kubeconfig(cluster.id()));
    }

    /** Creates what users and controllers would in this cluster. */
    public ClusterSeed seed() {
        return seed;
    }

    /**
     * The agent settings for this cluster against a mock API server (create-or-update writes: it has no
     * server-side apply), with the topology's network and the seeded gateway Service; production timings.
     */
    public AgentConfig agentConfig() {
        return AgentConfig.defaults(cluster.id()).withWriteMethod(WriteMethod.CREATE_OR_UPDATE)
                .withKubeOvn(cluster.isKubeOvn()).withServiceCidrs(cluster.serviceCidrs())
                .withGatewayService(new ServiceKey(ClusterSeed.SYSTEM_NAMESPACE, ClusterSeed.GATEWAY_SERVICE));
    }

    /** Starts the agent with {@code config}, joining on the first start. */
    public synchronized LocalAgent startAgent(AgentConfig config, List<URI> hubs, JoinFiles join,
                                              RotationPolicy renewal, AvailabilityZoneProgrammer zones) {
        return startAgent(config, hubs, join, renewal, zones, InterconnectMonitor.NONE);
    }

    /** As above, the agent reporting what interconnection achieved through {@code monitor}. */
    public synchronized LocalAgent startAgent(AgentConfig config, List<URI> hubs, JoinFiles join,
                                              RotationPolicy renewal, AvailabilityZoneProgrammer zones,
                                              InterconnectMonitor monitor) {
        if (agent != null) {
            throw new IllegalStateException("cluster " + cluster.id() + ": the agent is already running");
        }
        agent = LocalAgent.start(config, api.client(), hubs, join, certDir, renewal, zones, monitor);
        return agent;
    }

    /** Stops the agent; what it wrote stays. */
    public synchronized void stopAgent() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    /** The running agent, or null. */
    public synchronized LocalAgent agent() {
        return agent;
    }

    @Override
    public void close() {
        stopAgent();
        api.close();
    }
}
