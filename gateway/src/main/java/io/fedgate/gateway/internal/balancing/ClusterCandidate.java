package io.fedgate.gateway.internal.balancing;

import java.util.List;
import java.util.Objects;

/**
 * One serving cluster of an import, as the balancer sees it.
 *
 * @param region          null when unknown
 * @param priority        lower is preferred
 * @param weight          share among clusters of the same rank; 0 takes traffic only after every positive weight
 * @param reportedHealthy the plan's (hub's) view: lease current and ready endpoints
 * @param local           the gateway's own cluster
 * @param targets         endpoints (own cluster, direct, routed) or peer gateways (gateway path)
 * @param <T> the target type
 */
public record ClusterCandidate<T extends BalancingTarget>(String clusterId, String region, int priority, int weight,
                                                          boolean reportedHealthy, boolean local, List<T> targets) {
    public ClusterCandidate {
        Objects.requireNonNull(clusterId, "clusterId");
        targets = List.copyOf(targets);
    }
}
