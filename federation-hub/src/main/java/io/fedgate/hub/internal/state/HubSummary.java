package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * Counts the planner leaves for every member's gauges: clusters planned, exports and distinct imports, and the
 * cluster pairs both of whose agents report interconnection: routed (routes in place through the hold) and held
 * on the gateway path.
 */
public record HubSummary(int clusters, int exports, int imports, int routedPairs, int heldPairs)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Nothing planned yet. */
    public static final HubSummary EMPTY = new HubSummary(0, 0, 0, 0, 0);
}
