package io.fedgate.api.topology;

import io.fedgate.api.model.ClusterInventory;
import java.time.Instant;
import java.util.List;

/**
 * A whole federation as the topology file describes it: the cluster set's name, its clusters and the
 * services they export. Read with {@link TopologyParser}, which guarantees every cross-reference holds.
 */
public record Topology(String clusterSet, List<TopologyCluster> clusters, List<TopologyService> services) {
    public Topology {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** The cluster {@code id}, or null. */
    public TopologyCluster cluster(String id) {
        return clusters.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * One inventory per cluster, as its agent would report it; see {@link TopologyInventories} for the
     * synthetic endpoints, export times and gateways.
     */
    public List<ClusterInventory> toInventories(Instant exportTimeBase) {
        return TopologyInventories.of(this, exportTimeBase);
    }
}
