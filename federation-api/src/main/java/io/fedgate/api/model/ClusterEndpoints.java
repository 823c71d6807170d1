package io.fedgate.api.model;

import java.util.List;

/**
 * The endpoints one serving cluster offers for an import, as seen from the plan's cluster.
 *
 * @param path      how the plan's cluster reaches this one for this import
 * @param endpoints backend addresses; for {@link DataPath#GATEWAY} these are in the serving cluster's own
 *                  address space and only its gateways use them
 */
public record ClusterEndpoints(String clusterId, String region, String zone, DataPath path, int weight,
                               int priority, ClusterHealth health, List<Endpoint> endpoints) {
    public ClusterEndpoints {
        health = health == null ? ClusterHealth.HEALTHY : health;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** True when traffic may be sent here. */
    public boolean healthy() {
        return health == ClusterHealth.HEALTHY;
    }
}
