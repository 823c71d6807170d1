package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * One plan version of one cluster, as held in the cluster's plan history: what changed from the version before,
 * not the whole plan (the whole plan is assembled from {@link StoredContent}, which holds what clusters share
 * once).
 *
 * @param version the plan version, from 1
 * @param run     the planning run that made it (see {@link HubState#PLAN_COMMITTED})
 * @param delta   the {@code FederationCodecs.planDelta()} encoding, or null when the watcher must resync:
 *                the cluster's first version, the first after a leader change, or a change too large for a
 *                delta
 */
public record StoredPlan(long version, long run, byte[] delta) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** True when a watcher reaching this version must take a whole plan. */
    public boolean resync() {
        return delta == null;
    }
}
