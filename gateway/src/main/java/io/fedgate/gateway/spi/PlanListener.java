package io.fedgate.gateway.spi;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.pki.TlsMaterial;

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

    /**
     * The source renewed this gateway's certificate (a hub source does, before expiry; a plan file never):
     * connections made from now on, the hub's and the tunnels', present {@code material}.
     */
    default void certificateRenewed(TlsMaterial material) {
    }

    /** Renewing this gateway's certificate failed ({@code reason}); the source logged it and tries again. */
    default void certificateRenewalFailed(String reason) {
    }
}
