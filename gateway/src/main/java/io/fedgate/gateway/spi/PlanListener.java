package io.fedgate.gateway.spi;

import io.fedgate.api.model.ClusterPlan;

/** Receives a cluster's plans from a {@link PlanSource}. */
public interface PlanListener {
    /**
     * A new plan (a higher version, or the same version after a resync). Called from the source's own thread,
     * never concurrently with itself.
     */
    void planUpdated(ClusterPlan plan);

    /**
     * The source cannot deliver a plan now (file unreadable, hub unreachable); the listener keeps using the
     * plan it has. {@code reason} says what and where.
     */
    void planUnavailable(String reason);
}
