package io.fedgate.gateway.internal.balancing;

import java.time.Duration;

/** What the balancer tells the outside (metrics, logs) about its decisions. */
public interface BalancingListener {
    /** Ignores everything. */
    BalancingListener NONE = new BalancingListener() {
    };

    /** {@code targetKey} of {@code clusterId} was ejected from {@code service} for {@code period}. */
    default void ejected(String service, String clusterId, String targetKey, Duration period) {
    }

    /** A connection of {@code service} was served by {@code toCluster} instead of {@code fromCluster}. */
    default void failover(String service, String fromCluster, String toCluster) {
    }

    /** A connection of {@code service} was served by {@code cluster}. */
    default void served(String service, String cluster) {
    }
}
