package io.fedgate.api.model;

import java.util.List;

/**
 * Global load balancing of one import.
 *
 * @param loadBalancing how a serving cluster is chosen
 * @param failoverOrder optional explicit cluster order for {@link LoadBalancing#PRIORITY_FAILOVER}; clusters
 *                      not named keep their exporter priority after the named ones
 */
public record TrafficPolicy(LoadBalancing loadBalancing, List<String> failoverOrder) {
    /** Local first with failover: what a client expects when it says nothing. */
    public static final TrafficPolicy DEFAULT = new TrafficPolicy(LoadBalancing.LOCAL_FIRST, List.of());

    public TrafficPolicy {
        loadBalancing = loadBalancing == null ? LoadBalancing.LOCAL_FIRST : loadBalancing;
        failoverOrder = failoverOrder == null ? List.of() : List.copyOf(failoverOrder);
    }
}
